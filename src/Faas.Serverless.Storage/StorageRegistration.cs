using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Storage;

public static class StorageRegistration
{
    /// <summary>
    /// Registers <c>TableServiceClient</c>, <c>BlobServiceClient</c> and <c>QueueServiceClient</c> the Azure way,
    /// from <c>AzureWebJobsStorage</c> (see <see cref="StorageSettings"/>). Options in the <c>AzureDefaults</c>
    /// section (e.g. <c>AzureDefaults:Retry:MaxRetries</c>) override <see cref="StorageClientDefaults"/>; the SDKs'
    /// event-source logs flow into <c>ILogger</c> under the <c>Azure.*</c> categories.
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = StorageSettings.FromConfiguration(configuration);
        services.AddAzureClients(clients =>
        {
            clients.ConfigureDefaults(StorageClientDefaults.ApplyRetry);
            clients.ConfigureDefaults(configuration.GetSection("AzureDefaults"));
            if (settings.ConnectionString is { } connectionString)
            {
                clients.AddTableServiceClient(connectionString);
                var blobs = clients.AddBlobServiceClient(connectionString);
                var queues = clients.AddQueueServiceClient(connectionString);
                if (settings.IsEmulator)
                {
                    blobs.WithVersion(StorageClientDefaults.EmulatorBlobVersion);
                    queues.WithVersion(StorageClientDefaults.EmulatorQueueVersion);
                }

                return;
            }

            clients.AddTableServiceClient(settings.TableServiceUri!);
            clients.AddBlobServiceClient(settings.BlobServiceUri!);
            clients.AddQueueServiceClient(settings.QueueServiceUri!);
            // The same reading of credential/clientId/tenantId the Functions host does for identity-based connections.
            clients.UseCredential(provider => provider.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(settings.Identity!));
        });
        return services;
    }
}
