using System.Text.Json;
using Faas.Serverless.Orchestrations.Durable;

namespace Faas.Serverless.Api.Hosting;

/// <summary>
/// Reads host.json and local.settings.json the way an Azure Functions host does, so Functions users find their
/// settings where they expect them. Precedence: host.json, then local.settings.json Values, then environment
/// variables and the command line. The Functions app reads them too: the Functions host keeps host.json's
/// <c>extensions.faas</c> to itself, and the worker needs the same settings as the local host.
/// </summary>
public static class FunctionsHostConfiguration
{
    public static void AddFunctionsHostFiles(this IHostApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var appRoot = FindAppRoot(builder.Environment.ContentRootPath);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            // Beside the admin key that scripts/start.sh keeps there; outside storage, which must hold only ciphertext.
            ["Faas:Secrets:KeyEncryptionKeyFile"] = Path.Combine(appRoot, ".data", "secrets.kek"),
        };
        ReadHostJson(Path.Combine(appRoot, "host.json"), settings);
        ReadLocalSettings(Path.Combine(appRoot, "local.settings.json"), settings);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
    }

    /// <summary>The content root in a container; the repository root (which holds host.json) in a checkout.</summary>
    private static string FindAppRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    private static void ReadHostJson(string path, Dictionary<string, string?> settings)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var document = ParseFile(path);
        var root = document.RootElement;
        if (root.TryGetProperty("logging", out var logging) && logging.TryGetProperty("logLevel", out var levels))
        {
            Flatten(levels, "Logging:LogLevel", settings);
        }

        if (root.TryGetProperty("extensions", out var extensions))
        {
            if (extensions.TryGetProperty("faas", out var faas))
            {
                Flatten(faas, "Faas", settings);
            }

            // Where the Functions host reads it, so AzureFunctionsJobHost__extensions__durableTask__* app settings override it here too.
            if (extensions.TryGetProperty("durableTask", out var durableTask))
            {
                Flatten(durableTask, DurableTaskOptions.Section, settings);
            }
        }
    }

    private static void ReadLocalSettings(string path, Dictionary<string, string?> settings)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var document = ParseFile(path);
        if (document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object)
        {
            foreach (var value in values.EnumerateObject())
            {
                settings[value.Name.Replace("__", ":", StringComparison.Ordinal)] =
                    value.Value.ValueKind == JsonValueKind.String ? value.Value.GetString() : value.Value.GetRawText();
            }
        }
    }

    private static JsonDocument ParseFile(string path)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, $"{prefix}:{property.Name}", settings);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}", settings);
                }

                break;
            default:
                settings[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                break;
        }
    }
}
