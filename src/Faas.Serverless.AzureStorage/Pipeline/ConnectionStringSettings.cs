using System.Globalization;

namespace Faas.Serverless.AzureStorage.Pipeline;

internal sealed record ConnectionStringSettings(
    string AccountName, byte[] AccountKey, Uri BlobEndpoint, Uri QueueEndpoint, Uri TableEndpoint)
{
    internal const string DevelopmentAccountName = "devstoreaccount1";

    internal const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly HashSet<string> KnownSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "UseDevelopmentStorage", "AccountName", "AccountKey", "DefaultEndpointsProtocol", "EndpointSuffix",
        "BlobEndpoint", "QueueEndpoint", "TableEndpoint", "FileEndpoint", "DfsEndpoint",
    };

    public static ConnectionStringSettings Parse(string connectionString)
    {
        var settings = Split(connectionString);
        if (settings.TryGetValue("UseDevelopmentStorage", out var development))
        {
            return Development(settings, development);
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("Shared access signature connection strings are not supported; use an account key or a TokenCredential.");
        }

        foreach (var name in settings.Keys.Where(name => !KnownSettings.Contains(name) && !name.EndsWith("SecondaryEndpoint", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException($"Unknown connection string setting '{name}'.");
        }

        var accountName = Required(settings, "AccountName");
        if (!accountName.All(char.IsAsciiLetterOrDigit))
        {
            throw new FormatException("AccountName may contain only letters and digits.");
        }

        var key = DecodeKey(Required(settings, "AccountKey"));
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
        if (protocol is not ("http" or "https"))
        {
            throw new FormatException("DefaultEndpointsProtocol must be 'http' or 'https'.");
        }

        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        Uri Endpoint(string service) => settings.TryGetValue(service + "Endpoint", out var explicitEndpoint)
            ? ParseEndpoint(service + "Endpoint", explicitEndpoint)
            : ParseEndpoint("EndpointSuffix", $"{protocol}://{accountName}.{service.ToLowerInvariant()}.{suffix}");

        return new ConnectionStringSettings(accountName, key, Endpoint("Blob"), Endpoint("Queue"), Endpoint("Table"));
    }

    private static ConnectionStringSettings Development(Dictionary<string, string> settings, string value)
    {
        if (!bool.TryParse(value, out var enabled) || !enabled)
        {
            throw new FormatException("UseDevelopmentStorage must be 'true'.");
        }

        if (settings.Count > 1)
        {
            throw new FormatException("UseDevelopmentStorage=true cannot be combined with other settings; list explicit endpoints instead.");
        }

        Uri Local(int port) => new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{DevelopmentAccountName}");
        return new ConnectionStringSettings(
            DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey), Local(10000), Local(10001), Local(10002));
    }

    private static Dictionary<string, string> Split(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            // Values (base64 keys, URLs) may contain '=', so only the first one separates the name.
            var separator = segments[i].IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new FormatException($"Connection string segment {i + 1} is not a 'name=value' pair.");
            }

            var name = segments[i][..separator].Trim();
            if (!settings.TryAdd(name, segments[i][(separator + 1)..].Trim()))
            {
                throw new FormatException($"Connection string setting '{name}' appears more than once.");
            }
        }

        if (settings.Count == 0)
        {
            throw new FormatException("The connection string has no settings.");
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The connection string has no {name}; it needs AccountName and AccountKey (or UseDevelopmentStorage=true).");

    private static byte[] DecodeKey(string encoded)
    {
        var buffer = new byte[encoded.Length];
        return Convert.TryFromBase64String(encoded, buffer, out var written) && written > 0
            ? buffer[..written]
            : throw new FormatException("AccountKey is not valid base64.");
    }

    private static Uri ParseEndpoint(string setting, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"{setting} does not yield an absolute http(s) URL.");
}
