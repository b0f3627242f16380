using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Stores.Packages;

/// <summary>Codebases are content-addressed: identical pushes share one blob named by the zip's SHA-256.</summary>
public sealed class BlobCodebaseStore(StoreTables tables) : ICodebaseStore
{
    private readonly BlobContainerClient _container = tables.Codebases;

    public async Task SaveAsync(CodebaseRef codebase, Stream content, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(BlobName(codebase));
        if (await blob.GetPropertiesAsync(cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions { ContentType = "application/zip", IfNoneMatch = "*" }, cancellationToken);
        }
        catch (StorageException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
        {
            // A concurrent push stored the same bytes first; content addressing makes that a success.
        }
    }

    public async Task<Stream> OpenReadAsync(CodebaseRef codebase, CancellationToken cancellationToken = default)
    {
        var download = await _container.GetBlobClient(BlobName(codebase)).DownloadAsync(cancellationToken);
        return download.Content;
    }

    private static string BlobName(CodebaseRef codebase) => $"sha256/{codebase.Sha256}.zip";
}
