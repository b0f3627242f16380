using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage;

/// <summary>One blob container. Thread-safe; cheap to create.</summary>
public sealed class BlobContainerClient
{
    private readonly StoragePipeline _pipeline;

    internal BlobContainerClient(StoragePipeline pipeline, string name)
    {
        _pipeline = pipeline;
        Name = ResourceNames.Container(name);
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put);
        await _pipeline.SendToleratingAsync(message, 409, "ContainerAlreadyExists", cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete);
        await _pipeline.SendToleratingAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
    }

    public BlobClient GetBlobClient(string blobName) => new(_pipeline, Name, blobName);

    /// <summary>Blobs in name order, optionally only those whose names start with <paramref name="prefix"/>.</summary>
    public IAsyncEnumerable<BlobItem> ListBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        ListBlobsAsync(prefix, null, cancellationToken);

    internal async IAsyncEnumerable<BlobItem> ListBlobsAsync(
        string? prefix, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            using var message = CreateMessage(RequestMethod.Get);
            message.Request.Uri.AppendQuery("comp", "list");
            AppendIfPresent(message.Request.Uri, "prefix", prefix);
            AppendIfPresent(message.Request.Uri, "marker", marker);
            AppendIfPresent(message.Request.Uri, "maxresults", pageSize?.ToString(CultureInfo.InvariantCulture));
            var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
            var root = (await XDocument.LoadAsync(response.ContentStream!, LoadOptions.None, cancellationToken).ConfigureAwait(false)).Root!;
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                yield return ReadItem(blob);
            }

            marker = root.Element("NextMarker")?.Value;
        }
        while (!string.IsNullOrEmpty(marker));
    }

    private HttpMessage CreateMessage(RequestMethod method)
    {
        var message = _pipeline.CreateMessage(method, "/" + Name);
        message.Request.Uri.AppendQuery("restype", "container");
        return message;
    }

    private static void AppendIfPresent(RequestUriBuilder uri, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            uri.AppendQuery(name, value);
        }
    }

    private static BlobItem ReadItem(XElement blob)
    {
        var properties = blob.Element("Properties")!;
        var contentType = properties.Element("Content-Type")?.Value;
        var etag = properties.Element("Etag")!.Value;
        return new BlobItem(
            blob.Element("Name")!.Value,
            long.Parse(properties.Element("Content-Length")!.Value, CultureInfo.InvariantCulture),
            // Listings show the ETag bare, headers quoted; quote it so it works as an If-Match value like the others.
            etag.StartsWith('"') ? etag : $"\"{etag}\"",
            DateTimeOffset.ParseExact(properties.Element("Last-Modified")!.Value, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            string.IsNullOrEmpty(contentType) ? null : contentType);
    }
}
