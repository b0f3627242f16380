using Azure.Core;
using Azure.Identity;
using Faas.Serverless.AzureStorage;

namespace Faas.Serverless.Functions.Hosting;

/// <summary>
/// Resolves <c>AzureWebJobsStorage</c> like the Functions host: a connection string locally, or identity-based
/// service URIs (<c>AzureWebJobsStorage__blobServiceUri</c> and friends) in the cloud, where shared keys are off.
/// </summary>
internal static class StorageRegistration
{
    private const string Setting = "AzureWebJobsStorage";

    public static StorageConnection CreateConnection(IConfiguration configuration)
    {
        var connectionString = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return StorageConnection.Parse(connectionString);
        }

        var section = configuration.GetSection(Setting);
        var blob = section["blobServiceUri"];
        var queue = section["queueServiceUri"];
        var table = section["tableServiceUri"];
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"{Setting} is not configured: set it to a connection string (UseDevelopmentStorage=true for Azurite) " +
                $"or set {Setting}__blobServiceUri, {Setting}__queueServiceUri and {Setting}__tableServiceUri.");
        }

        return StorageConnection.FromServiceUris(new Uri(blob), new Uri(queue), new Uri(table), CreateCredential(section));
    }

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(clientId is null
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential();
    }
}
