using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace Faas.Serverless.AzureStorage.Pipeline;

/// <summary>
/// One service endpoint behind an Azure.Core pipeline. Every request of the library goes through here, so this
/// is the one place that turns transport failures and error responses into <see cref="StorageException"/>.
/// </summary>
internal sealed class StoragePipeline(HttpPipeline pipeline, Uri endpoint, StorageClientOptions options)
{
    private readonly string _baseUri = endpoint.AbsoluteUri.TrimEnd('/');

    public StorageClientOptions Options { get; } = options;

    /// <summary>Creates a request for <paramref name="escapedPath"/> (already URL-escaped, starting with '/').</summary>
    public HttpMessage CreateMessage(RequestMethod method, string escapedPath)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_baseUri + escapedPath));
        return message;
    }

    public string AbsoluteUri(string escapedPath) => _baseUri + escapedPath;

    /// <summary>Sends and returns the response whatever its status; only transport failures throw.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            return message.Response;
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException or AuthenticationFailedException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // After its retries Azure.Core may aggregate several attempts' failures, a caller's cancellation among them.
            cancellationToken.ThrowIfCancellationRequested();
            var reason = exception is OperationCanceledException
                ? $"timed out after {Options.NetworkTimeout}"
                : $"failed without a response: {exception.Message}";
            throw new StorageException(0, null, $"Storage request {reason}", exception);
        }
    }

    /// <summary>Sends and throws <see cref="StorageException"/> unless the response is a success.</summary>
    public async Task<Response> SendCheckedAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.IsError ? throw await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false) : response;
    }

    /// <summary>
    /// Sends, treating one expected failure as success: "already exists" for create-if-not-exists (matched by
    /// error code, because 409 also means "being deleted") or "not found" for delete-if-exists.
    /// </summary>
    public async Task SendToleratingAsync(HttpMessage message, int toleratedStatus, string? toleratedErrorCode, CancellationToken cancellationToken)
    {
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            var error = await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            if (error.Status != toleratedStatus || (toleratedErrorCode is not null && error.ErrorCode != toleratedErrorCode))
            {
                throw error;
            }
        }
    }
}
