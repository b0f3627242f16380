using System.Globalization;
using Azure.Core;
using DurableTask.AzureStorage;
using Faas.Serverless.Storage;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Builds the task hub's <see cref="AzureStorageOrchestrationService"/> on the platform's storage account
/// (<c>AzureWebJobsStorage</c>), with the same client options as every other storage client of ours.
/// </summary>
public static class OrchestrationServiceFactory
{
    /// <param name="credential">Required when <paramref name="storage"/> is the identity-based form (service URIs).</param>
    public static AzureStorageOrchestrationService Create(
        StorageSettings storage, DurableTaskOptions options, ILoggerFactory loggerFactory, TokenCredential? credential = null) =>
        new(CreateSettings(storage, options, loggerFactory, credential));

    public static AzureStorageOrchestrationServiceSettings CreateSettings(
        StorageSettings storage, DurableTaskOptions options, ILoggerFactory loggerFactory, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        var provider = options.StorageProvider;
        return new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = ClientProvider(storage, credential),
            TaskHubName = options.HubName,
            AppName = options.HubName,

            // Two hosts on one machine (or two workers in one process) must not look like one lease owner.
            WorkerId = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"),
            PartitionCount = provider.PartitionCount,
            ControlQueueBatchSize = provider.ControlQueueBatchSize,
            ControlQueueBufferThreshold = provider.ControlQueueBufferThreshold,
            ControlQueueVisibilityTimeout = provider.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = provider.WorkItemQueueVisibilityTimeout,
            MaxQueuePollingInterval = provider.MaxQueuePollingInterval,
            LeaseInterval = provider.LeaseInterval,
            LeaseAcquireInterval = provider.LeaseAcquireInterval,
            LeaseRenewInterval = provider.LeaseRenewInterval,
            UseTablePartitionManagement = true,

            // The app lease keeps a second app (another AppName) off a task hub during slot swaps: one app uses a hub here.
            UseAppLease = false,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
            ExtendedSessionsEnabled = options.ExtendedSessionsEnabled,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(options.ExtendedSessionIdleTimeoutInSeconds),

            // Starting an instance id that is already in use fails loudly instead of being dropped without a word.
            ThrowExceptionOnInvalidDedupeStatus = true,
            LoggerFactory = loggerFactory,
        };
    }

    private static StorageAccountClientProvider ClientProvider(StorageSettings storage, TokenCredential? credential)
    {
        if (storage.ConnectionString is { } connectionString)
        {
            return new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, StorageClientDefaults.BlobOptions(storage.IsEmulator)),
                StorageServiceClientProvider.ForQueue(connectionString, StorageClientDefaults.QueueOptions(storage.IsEmulator)),
                StorageServiceClientProvider.ForTable(connectionString, StorageClientDefaults.TableOptions()));
        }

        if (credential is null)
        {
            throw new InvalidOperationException($"{StorageSettings.Section} names service URIs: a token credential is required for the task hub.");
        }

        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(storage.BlobServiceUri!, credential, StorageClientDefaults.BlobOptions(emulator: false)),
            StorageServiceClientProvider.ForQueue(storage.QueueServiceUri!, credential, StorageClientDefaults.QueueOptions(emulator: false)),
            StorageServiceClientProvider.ForTable(storage.TableServiceUri!, credential, StorageClientDefaults.TableOptions()));
    }
}
