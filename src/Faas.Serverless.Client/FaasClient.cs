using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

/// <summary>
/// A client of the Faas.Serverless REST API (docs/api.md). Every failed call raises <see cref="FaasApiException"/>
/// with the API's problem details. Thread-safe; keep one per base URL and key.
/// </summary>
public sealed partial class FaasClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with it.</summary>
    /// <param name="baseUrl">The host, such as <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="apiKey">An API key, sent as <c>Authorization: Bearer</c>.</param>
    public FaasClient(Uri baseUrl, string apiKey)
        : this(new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan }, apiKey, ownsHttp: true)
    {
    }

    /// <summary>Creates a client on <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the host; the caller keeps owning it.</summary>
    /// <param name="httpClient">A client with <see cref="HttpClient.BaseAddress"/> set. Long polls last up to 60 s: keep its timeout above that.</param>
    /// <param name="apiKey">An API key, sent as <c>Authorization: Bearer</c>.</param>
    public FaasClient(HttpClient httpClient, string apiKey)
        : this(httpClient, apiKey, ownsHttp: false)
    {
    }

    private FaasClient(HttpClient httpClient, string apiKey, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the Faas.Serverless host.", nameof(httpClient));
        }

        _http = httpClient;
        _ownsHttp = ownsHttp;
        Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    /// <summary>How a call answered <c>429</c> or <c>503</c> is retried; <see cref="RetryPolicy.None"/> turns retries off.</summary>
    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    private AuthenticationHeaderValue Authorization { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string ProjectPath(string projectId) => "api/v1/projects/" + Escape(projectId);

    private static string Escape(string segment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        return Uri.EscapeDataString(segment);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken) =>
        SendAsync(new ApiRequest(method, path, content is null ? null : () => content), cancellationToken);

    /// <summary>
    /// Sends a request, again after <c>Retry-After</c> while the API answers <c>429</c> or <c>503</c> (both say the
    /// same request is safe to repeat), as long as its body can be made again.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(ApiRequest call, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var request = new HttpRequestMessage(call.Method, new Uri(call.Path, UriKind.Relative)) { Content = call.Content?.Invoke() };
            request.Headers.Authorization = Authorization;
            if (call.IfMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", call.IfMatch);
            }

            if (call.IdempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", call.IdempotencyKey);
            }

            var response = await ProblemReader.CancellableAsync(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), cancellationToken).ConfigureAwait(false);
            var delay = Retry.DelayBeforeRetry(response, attempt);
            if (delay is null || !call.Repeatable)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? ifMatch = null)
    {
        var call = new ApiRequest(method, path, body is null ? null : () => JsonContent.Create(body, body.GetType(), options: FaasJson.Options)) { IfMatch = ifMatch };
        using var response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return await ProblemReader.ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(HttpMethod.Get, path, body: null, cancellationToken);

    private async Task DeleteAsync(string path, CancellationToken cancellationToken, string? ifMatch = null)
    {
        using var response = await SendAsync(new ApiRequest(HttpMethod.Delete, path, null) { IfMatch = ifMatch }, cancellationToken).ConfigureAwait(false);
        await ProblemReader.EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Follows continuation tokens page by page, asking for the next page only when the caller gets there.</summary>
    private async IAsyncEnumerable<T> ListAsync<T>(string path, QueryString query, int? pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? token = null;
        do
        {
            var pageQuery = query.With("pageSize", pageSize).With("continuationToken", token);
            var page = await GetAsync<Page<T>>(path + pageQuery.Value, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>One API call, whose body is made afresh for each try.</summary>
    private sealed record ApiRequest(HttpMethod Method, string Path, Func<HttpContent?>? Content)
    {
        public string? IfMatch { get; init; }

        public string? IdempotencyKey { get; init; }

        /// <summary>False when the body reads a stream that cannot be rewound: it cannot be sent twice.</summary>
        public bool Repeatable { get; init; } = true;
    }
}
