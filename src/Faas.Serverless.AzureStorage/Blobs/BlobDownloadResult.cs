using Azure.Core;

namespace Faas.Serverless.AzureStorage;

/// <summary>A blob's content, streamed from the service. Dispose it to release the connection.</summary>
public sealed class BlobDownloadResult : IAsyncDisposable, IDisposable
{
    // Owns the message, and through it the response and its connection.
    private readonly HttpMessage _message;

    internal BlobDownloadResult(HttpMessage message, Stream content, BlobProperties properties)
    {
        _message = message;
        Content = content;
        Properties = properties;
    }

    public Stream Content { get; }

    public BlobProperties Properties { get; }

    public void Dispose()
    {
        Content.Dispose();
        _message.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _message.Dispose();
    }
}
