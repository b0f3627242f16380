using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Packages;

/// <summary>Codebases are content-addressed: identical pushes share one blob named by the zip's SHA-256.</summary>
public sealed class BlobCodebaseStore(StoreTables tables) : ICodebaseStore
{
    private readonly BlobContainerClient _container = tables.Codebases;

    public Task SaveAsync(CodebaseRef codebase, Stream content, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var blob = _container.GetBlobClient(BlobName(codebase));
                if (await blob.ExistsAsync(cancellationToken))
                {
                    return;
                }

                try
                {
                    var options = new BlobUploadOptions
                    {
                        HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" },
                        Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    };
                    await blob.UploadAsync(content, options, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
                {
                    // A concurrent push stored the same bytes first; content addressing makes that a success.
                }
            },
            "storing a codebase");

    public Task<Stream> OpenReadAsync(CodebaseRef codebase, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var download = await _container.GetBlobClient(BlobName(codebase)).DownloadStreamingAsync(cancellationToken: cancellationToken);
                return download.Value.Content;
            },
            "reading a codebase");

    private static string BlobName(CodebaseRef codebase) => $"sha256/{codebase.Sha256}.zip";
}
