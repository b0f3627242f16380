using System.Net.Http.Json;
using System.Text.Json;

namespace Faas.Serverless.Client;

/// <summary>Turns an unsuccessful answer into a <see cref="FaasApiException"/>, whatever its body holds.</summary>
internal static class ProblemReader
{
    public static async Task<FaasApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await CancellableAsync(() => response.Content.ReadAsStringAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        Problem? problem = null;
        try
        {
            problem = text.Length == 0 ? null : JsonSerializer.Deserialize<Problem>(text, FaasJson.Options);
        }
        catch (JsonException)
        {
            // A proxy or a crashed host may answer HTML or plain text: the status and reason still say what happened.
        }

        return new FaasApiException(
            response.StatusCode,
            problem?.Title ?? response.ReasonPhrase,
            problem?.Detail ?? (problem is null && text.Length > 0 ? text : null),
            problem?.Type,
            problem?.Errors,
            problem?.TraceId);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await CancellableAsync(() => response.Content.ReadFromJsonAsync<T>(FaasJson.Options, cancellationToken), cancellationToken).ConfigureAwait(false)
            ?? throw new FaasApiException($"{(int)response.StatusCode}: the API answered an empty body.");
    }

    /// <summary>
    /// A cancelled call must surface as <see cref="OperationCanceledException"/>; some handlers (TestServer, a
    /// connection torn down mid-body) report the abort as an I/O failure instead.
    /// </summary>
    public static async Task<T> CancellableAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The call was cancelled.", e, cancellationToken);
        }
    }

    private sealed record Problem(string? Type, string? Title, string? Detail, string? TraceId, Dictionary<string, IReadOnlyList<string>>? Errors);
}
