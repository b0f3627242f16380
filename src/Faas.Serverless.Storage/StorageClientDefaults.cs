using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Faas.Serverless.Storage;

/// <summary>Retry and version settings every storage client of ours uses, in the host, the tests and the bench.</summary>
public static class StorageClientDefaults
{
    /// <summary>
    /// Exponential back-off bounded in count and delay: a storage blip costs a request at most a few seconds, and a
    /// real outage surfaces as 503 + Retry-After instead of a hung request.
    /// </summary>
    public static void ApplyRetry(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(800);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
    }

    /// <summary>
    /// Azurite 3.37 rejects the newest API version Blobs and Queues send (2026-10-06) unless it runs with
    /// <c>--skipApiVersionCheck</c>, which our scripts pass but a developer's own Azurite may not. So against the
    /// emulator we pin a version it serves; against real Azure the SDK's newest version is used.
    /// </summary>
    public const BlobClientOptions.ServiceVersion EmulatorBlobVersion = BlobClientOptions.ServiceVersion.V2025_11_05;

    /// <inheritdoc cref="EmulatorBlobVersion"/>
    public const QueueClientOptions.ServiceVersion EmulatorQueueVersion = QueueClientOptions.ServiceVersion.V2025_11_05;

    public static BlobClientOptions BlobOptions(bool emulator)
    {
        var options = emulator ? new BlobClientOptions(EmulatorBlobVersion) : new BlobClientOptions();
        ApplyRetry(options);
        return options;
    }

    public static QueueClientOptions QueueOptions(bool emulator)
    {
        var options = emulator ? new QueueClientOptions(EmulatorQueueVersion) : new QueueClientOptions();
        ApplyRetry(options);
        return options;
    }

    /// <summary>Tables has one API version (2019-02-02) in the cloud and in Azurite alike.</summary>
    public static TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        ApplyRetry(options);
        return options;
    }
}
