using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage;

/// <summary>
/// Parsed account information: where the three services live and how to authenticate to them, either with the
/// account key (SharedKey/SharedKeyLite) or with Entra ID tokens.
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(
        string accountName, Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, byte[]? accountKey, TokenCredential? credential)
    {
        AccountName = accountName;
        BlobEndpoint = blobEndpoint;
        QueueEndpoint = queueEndpoint;
        TableEndpoint = tableEndpoint;
        AccountKey = accountKey;
        Credential = credential;
    }

    public string AccountName { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    internal byte[]? AccountKey { get; }

    internal TokenCredential? Credential { get; }

    /// <summary>
    /// Parses an Azure Storage connection string. Supports <c>UseDevelopmentStorage=true</c>, account name and key
    /// with <c>DefaultEndpointsProtocol</c>/<c>EndpointSuffix</c>, and explicit service endpoints.
    /// </summary>
    /// <exception cref="ArgumentException">The string is null or blank.</exception>
    /// <exception cref="FormatException">The string is malformed or incomplete. Messages never contain the key.</exception>
    public static StorageConnection Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = ConnectionStringSettings.Parse(connectionString);
        return new StorageConnection(
            settings.AccountName, settings.BlobEndpoint, settings.QueueEndpoint, settings.TableEndpoint, settings.AccountKey, null);
    }

    /// <summary>Connects with Entra ID tokens (scope <c>https://storage.azure.com/.default</c>) over HTTPS.</summary>
    public static StorageConnection FromServiceUris(Uri blobEndpoint, Uri queueEndpoint, Uri tableEndpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        RequireHttps(blobEndpoint, nameof(blobEndpoint));
        RequireHttps(queueEndpoint, nameof(queueEndpoint));
        RequireHttps(tableEndpoint, nameof(tableEndpoint));
        return new StorageConnection(AccountNameOf(blobEndpoint), blobEndpoint, queueEndpoint, tableEndpoint, null, credential);
    }

    public override string ToString() => $"{AccountName} (blob {BlobEndpoint}, queue {QueueEndpoint}, table {TableEndpoint})";

    // Bearer tokens must never travel in clear text; Azure.Core would refuse at send time, fail early instead.
    private static void RequireHttps(Uri endpoint, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(endpoint, parameterName);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("Token authentication needs an absolute https endpoint.", parameterName);
        }
    }

    // Virtual-host style (account.blob.core.windows.net) names the account in the host; path style
    // (emulators, IP addresses) in the first path segment.
    private static string AccountNameOf(Uri endpoint)
    {
        if (endpoint.HostNameType == UriHostNameType.Dns && endpoint.Host.Contains('.', StringComparison.Ordinal))
        {
            return endpoint.Host[..endpoint.Host.IndexOf('.', StringComparison.Ordinal)];
        }

        var firstSegment = endpoint.AbsolutePath.Trim('/').Split('/')[0];
        return firstSegment.Length > 0 ? firstSegment : endpoint.Host;
    }
}
