using Azure.Core;
using Faas.Serverless.AzureStorage.Blobs;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage;

/// <summary>One block blob. Thread-safe; cheap to create.</summary>
public sealed class BlobClient
{
    private readonly StoragePipeline _pipeline;

    internal BlobClient(StoragePipeline pipeline, string containerName, string name)
    {
        _pipeline = pipeline;
        Name = ResourceNames.Blob(name);
        Path = $"/{containerName}/{ResourceNames.EscapeBlob(name)}";
    }

    public string Name { get; }

    internal string Path { get; }

    /// <summary>
    /// Uploads the stream from its current position. Content up to
    /// <see cref="StorageClientOptions.BlobSingleUploadMaxBytes"/> goes in one request; larger content is staged
    /// block by block, holding one block in memory at a time, and committed with the options' conditions.
    /// </summary>
    public Task<BlobProperties> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new BlobUploader(_pipeline, Path, options ?? new BlobUploadOptions()).UploadAsync(content, cancellationToken);
    }

    public Task<BlobProperties> UploadAsync(BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new BlobUploader(_pipeline, Path, options ?? new BlobUploadOptions()).UploadAsync(content.ToMemory(), cancellationToken);
    }

    /// <summary>Streams the blob; a missing blob fails with <see cref="StorageException.IsNotFound"/>.</summary>
    public async Task<BlobDownloadResult> DownloadAsync(CancellationToken cancellationToken = default)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Get, Path);
        message.BufferResponse = false;
        try
        {
            var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
            return new BlobDownloadResult(message, response.ContentStream ?? Stream.Null, BlobHeaders.PropertiesOf(response));
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    public async Task<BinaryData> DownloadContentAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Path);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Content;
    }

    /// <summary>The blob's properties, or null when it does not exist.</summary>
    public async Task<BlobProperties?> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, Path);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        return response.IsError
            ? throw await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false)
            : BlobHeaders.PropertiesOf(response);
    }

    /// <summary>Deletes the blob; false when it did not exist. A stale ETag or a missing lease id still throws.</summary>
    public async Task<bool> DeleteIfExistsAsync(string? ifMatch = null, string? leaseId = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Path);
        BlobHeaders.AddConditions(message.Request, ifMatch, null, leaseId);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return false;
        }

        return response.IsError ? throw await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false) : true;
    }

    /// <summary>A lease client using <paramref name="leaseId"/>, or a new random lease id.</summary>
    public BlobLeaseClient GetLeaseClient(string? leaseId = null) => new(_pipeline, Path, leaseId ?? Guid.NewGuid().ToString());
}
