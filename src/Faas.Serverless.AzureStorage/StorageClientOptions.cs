using Azure.Core.Pipeline;

namespace Faas.Serverless.AzureStorage;

public sealed record StorageClientOptions
{
    /// <summary>Retries of transient failures (408, 429, 5xx, network errors) after the first attempt.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Base of the exponential back-off between retries.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for one attempt to send a request and for each read of a streamed response.</summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Blob uploads up to this size go in one Put Blob; larger ones are staged as blocks.</summary>
    public int BlobSingleUploadMaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Block size of staged uploads; also the memory an upload holds per block.</summary>
    public int BlobBlockBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Replaces the HTTP transport (null: Azure.Core's shared HttpClient transport).</summary>
    public HttpPipelineTransport? Transport { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRetryDelay, RetryDelay, nameof(MaxRetryDelay));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(NetworkTimeout, TimeSpan.Zero, nameof(NetworkTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(BlobSingleUploadMaxBytes, 1, nameof(BlobSingleUploadMaxBytes));
        // Both sizes are buffered in memory by every upload in flight, so keep them far below the service limits.
        ArgumentOutOfRangeException.ThrowIfLessThan(BlobBlockBytes, 1, nameof(BlobBlockBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlobBlockBytes, 256 * 1024 * 1024, nameof(BlobBlockBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(BlobSingleUploadMaxBytes, 256 * 1024 * 1024, nameof(BlobSingleUploadMaxBytes));
    }
}
