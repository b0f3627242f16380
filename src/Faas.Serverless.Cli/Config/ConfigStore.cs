using System.Text.Json;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Config;

/// <summary>
/// The config file, <c>config.json</c> in <c>$FAAS_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/faas</c>, else
/// <c>~/.config/faas</c>. It holds an API key, so it is written readable by its owner only (0600, folder 0700).
/// </summary>
internal sealed class ConfigStore(Func<string, string?> environment)
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    public string FolderPath
    {
        get
        {
            if (environment("FAAS_CONFIG_DIR") is { Length: > 0 } explicitFolder)
            {
                return explicitFolder;
            }

            var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
            return Path.Combine(configHome, "faas");
        }
    }

    public string FilePath => Path.Combine(FolderPath, "config.json");

    public CliConfig Load()
    {
        if (!File.Exists(FilePath))
        {
            return new CliConfig();
        }

        try
        {
            return JsonSerializer.Deserialize<CliConfig>(File.ReadAllText(FilePath), CliJson.Options) ?? new CliConfig();
        }
        catch (JsonException e)
        {
            throw new CliException($"{FilePath} is not valid JSON ({e.Message}); run 'faas login' again.", e);
        }
    }

    public void Save(CliConfig config)
    {
        var json = JsonSerializer.Serialize(config, CliJson.Options);
        var temp = FilePath + ".tmp";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(FolderPath);
            File.WriteAllText(temp, json);
        }
        else
        {
            Directory.CreateDirectory(FolderPath, OwnerFolder);
            File.Delete(temp);

            // Created with the mode, not chmod-ed after: the key is never readable by others, not even for a moment.
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerFile }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(json);
            }

            File.SetUnixFileMode(temp, OwnerFile);
        }

        File.Move(temp, FilePath, overwrite: true);
    }
}
