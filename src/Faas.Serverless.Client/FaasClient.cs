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

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Authorization = Authorization;
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ProblemReader.CancellableAsync(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken), cancellationToken);
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: FaasJson.Options);
        using var response = await SendAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        return await ProblemReader.ReadJsonAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendJsonAsync<T>(HttpMethod.Get, path, body: null, cancellationToken);

    private async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, path, content: null, cancellationToken).ConfigureAwait(false);
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
}
