using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage.Blobs;

/// <summary>
/// Put Blob for small content; Put Block + Put Block List for large content. Every request body is an in-memory
/// buffer so that Azure.Core can replay it on retry.
/// </summary>
internal sealed class BlobUploader
{
    private readonly StoragePipeline _pipeline;
    private readonly string _path;
    private readonly BlobUploadOptions _options;
    private readonly int _singleUploadMaxBytes;
    private readonly int _blockBytes;

    // Block ids are unique per upload: two uploads racing on one blob must not overwrite each other's staged blocks.
    private readonly byte[] _uploadId = Guid.NewGuid().ToByteArray();

    public BlobUploader(StoragePipeline pipeline, string path, BlobUploadOptions options)
    {
        // Fail before any data is sent, not at the commit after the last block.
        BlobHeaders.ValidateMetadata(options.Metadata);
        _pipeline = pipeline;
        _path = path;
        _options = options;
        _singleUploadMaxBytes = pipeline.Options.BlobSingleUploadMaxBytes;
        _blockBytes = pipeline.Options.BlobBlockBytes;
    }

    public async Task<BlobProperties> UploadAsync(Stream content, CancellationToken cancellationToken)
    {
        // One byte more than the single-upload limit tells whether the stream fits without knowing its length.
        var head = new byte[_singleUploadMaxBytes + 1];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (headLength <= _singleUploadMaxBytes)
        {
            return await PutBlobAsync(head.AsMemory(0, headLength), cancellationToken).ConfigureAwait(false);
        }

        var blockIds = new List<string>();
        var offset = 0;
        for (; headLength - offset >= _blockBytes; offset += _blockBytes)
        {
            await StageBlockAsync(blockIds, head.AsMemory(offset, _blockBytes), cancellationToken).ConfigureAwait(false);
        }

        // The head's remainder starts the next block, so that only the last block is short.
        var buffer = new byte[_blockBytes];
        var carried = headLength - offset;
        head.AsSpan(offset, carried).CopyTo(buffer);
        long total = offset;
        int filled;
        do
        {
            filled = carried + await content.ReadAtLeastAsync(buffer.AsMemory(carried), buffer.Length - carried, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            carried = 0;
            if (filled > 0)
            {
                await StageBlockAsync(blockIds, buffer.AsMemory(0, filled), cancellationToken).ConfigureAwait(false);
                total += filled;
            }
        }
        while (filled == buffer.Length);

        return await CommitAsync(blockIds, total, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobProperties> UploadAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (content.Length <= _singleUploadMaxBytes)
        {
            return await PutBlobAsync(content, cancellationToken).ConfigureAwait(false);
        }

        var blockIds = new List<string>();
        for (var offset = 0; offset < content.Length; offset += _blockBytes)
        {
            await StageBlockAsync(blockIds, content.Slice(offset, Math.Min(_blockBytes, content.Length - offset)), cancellationToken).ConfigureAwait(false);
        }

        return await CommitAsync(blockIds, content.Length, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BlobProperties> PutBlobAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _path);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        AddBlobHeaders(message.Request);
        message.Request.Content = RequestContent.Create(content);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return Uploaded(response, content.Length);
    }

    private async Task StageBlockAsync(List<string> blockIds, ReadOnlyMemory<byte> block, CancellationToken cancellationToken)
    {
        // Ids must be base64 and of equal length within a blob.
        var idBytes = new byte[_uploadId.Length + sizeof(long)];
        _uploadId.CopyTo(idBytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(idBytes.AsSpan(_uploadId.Length), blockIds.Count);
        var blockId = Convert.ToBase64String(idBytes);
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _path);
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId);
        BlobHeaders.AddConditions(message.Request, null, null, _options.LeaseId);
        message.Request.Content = RequestContent.Create(block);
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        blockIds.Add(blockId);
    }

    private async Task<BlobProperties> CommitAsync(List<string> blockIds, long length, CancellationToken cancellationToken)
    {
        var blockList = new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id)));
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _path);
        message.Request.Uri.AppendQuery("comp", "blocklist");
        AddBlobHeaders(message.Request);
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(blockList.ToString(SaveOptions.DisableFormatting)));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return Uploaded(response, length);
    }

    private void AddBlobHeaders(Request request)
    {
        if (_options.ContentType is not null)
        {
            request.Headers.SetValue("x-ms-blob-content-type", _options.ContentType);
        }

        BlobHeaders.AddConditions(request, _options.IfMatch, _options.IfNoneMatch, _options.LeaseId);
        BlobHeaders.AddMetadata(request, _options.Metadata);
    }

    // The write succeeded, so everything but ETag and time is what we sent: a lease id is only accepted on a
    // leased blob, and without one the write only succeeds on an unleased blob.
    private BlobProperties Uploaded(Response response, long length) => new(
        BlobHeaders.Required(response, "ETag"),
        BlobHeaders.LastModifiedOf(response),
        length,
        _options.ContentType ?? "application/octet-stream",
        new Dictionary<string, string>(_options.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase),
        _options.LeaseId is null ? "available" : "leased");
}
