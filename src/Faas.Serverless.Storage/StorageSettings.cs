using Microsoft.Extensions.Configuration;

namespace Faas.Serverless.Storage;

/// <summary>
/// Where the storage account is, read from <c>AzureWebJobsStorage</c> exactly as the Azure Functions host reads it:
/// a connection string (<c>UseDevelopmentStorage=true</c> for Azurite), or, where shared keys are off, the
/// identity-based form <c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c> and
/// <c>__tableServiceUri</c> with <c>__credential=managedidentity</c> and an optional <c>__clientId</c>.
/// </summary>
public sealed record StorageSettings
{
    public const string Section = "AzureWebJobsStorage";

    public string? ConnectionString { get; init; }

    public Uri? BlobServiceUri { get; init; }

    public Uri? QueueServiceUri { get; init; }

    public Uri? TableServiceUri { get; init; }

    /// <summary>The identity settings (<c>credential</c>, <c>clientId</c>, <c>tenantId</c>) of the identity-based form.</summary>
    public IConfiguration? Identity { get; init; }

    /// <summary>
    /// Azurite: the well-known development account, which also accepts the older service versions we pin for it.
    /// </summary>
    public bool IsEmulator =>
        ConnectionString is { } connection &&
        (connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase) ||
         connection.Contains("AccountName=devstoreaccount1", StringComparison.OrdinalIgnoreCase));

    public static StorageSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration[Section];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StorageSettings { ConnectionString = connectionString };
        }

        var section = configuration.GetSection(Section);
        if (Uri(section, "blobServiceUri") is not { } blob || Uri(section, "queueServiceUri") is not { } queue || Uri(section, "tableServiceUri") is not { } table)
        {
            throw new InvalidOperationException(
                $"{Section} is not configured: set it to a connection string (UseDevelopmentStorage=true for Azurite) " +
                $"or set {Section}__blobServiceUri, {Section}__queueServiceUri and {Section}__tableServiceUri " +
                $"(with {Section}__credential=managedidentity and {Section}__clientId for a user-assigned identity).");
        }

        return new StorageSettings { BlobServiceUri = blob, QueueServiceUri = queue, TableServiceUri = table, Identity = section };
    }

    private static Uri? Uri(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value
            ? System.Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException($"{Section}__{key} must be an absolute http(s) URI, not '{value}'.")
            : null;
}
