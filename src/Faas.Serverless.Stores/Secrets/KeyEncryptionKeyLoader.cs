using System.Security.Cryptography;

namespace Faas.Serverless.Stores.Secrets;

/// <summary>Reads the key-encryption key from the setting, or from its file, making the file the first time.</summary>
public static class KeyEncryptionKeyLoader
{
    public static KeyEncryptionKey Load(SecretsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.KeyEncryptionKey))
        {
            return new KeyEncryptionKey(Decode(options.KeyEncryptionKey, "Faas:Secrets:KeyEncryptionKey"));
        }

        if (string.IsNullOrWhiteSpace(options.KeyEncryptionKeyFile))
        {
            throw new InvalidOperationException("Set Faas:Secrets:KeyEncryptionKey (base64 of 32 random bytes) or Faas:Secrets:KeyEncryptionKeyFile: secrets cannot be encrypted without one.");
        }

        var path = Path.GetFullPath(options.KeyEncryptionKeyFile);
        if (!File.Exists(path))
        {
            Create(path);
        }

        return new KeyEncryptionKey(Decode(File.ReadAllText(path), path));
    }

    /// <summary>Writes a new key beside the path and renames it into place; a host that loses the race reads the winner's.</summary>
    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyEncryptionKey.SizeBytes)));
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            return key.Length == KeyEncryptionKey.SizeBytes ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} must be base64 of exactly {KeyEncryptionKey.SizeBytes} bytes (e.g. openssl rand -base64 32).");
        }
    }
}
