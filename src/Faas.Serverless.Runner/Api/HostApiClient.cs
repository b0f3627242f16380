using System.Net.Http.Json;
using Faas.Serverless.Runner.Codebase;
using Faas.Serverless.Runner.Options;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Api;

/// <summary>
/// Typed client for the host's runner API (docs/runner-protocol.md). One instance (one connection pool) serves the
/// whole agent. Transient failures are retried per <see cref="RetryPolicy"/>; 401/403/404 throw
/// <see cref="HostRefusedException"/>.
/// </summary>
internal sealed partial class HostApiClient(HttpClient http, RunnerOptions options, ILogger<HostApiClient> logger) : ICodebaseSource
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DownloadHeadersTimeout = TimeSpan.FromSeconds(60);

    // A batch may carry an output of several MB.
    private static readonly TimeSpan EventsTimeout = TimeSpan.FromSeconds(120);

    public async Task<RunnerSpec> GetSpecAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, Service("runner-spec")), "GET runner-spec", RetryPolicy.Default, CallTimeout, cancellationToken);
        return await response.Content.ReadFromJsonAsync(RunnerJson.Default.RunnerSpec, cancellationToken)
            ?? throw new HostApiException("GET runner-spec returned an empty body.");
    }

    /// <summary>The values of the secrets the service names; never logged, and masked in everything the replica reports.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetSecretsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, Service("runner-secrets")), "GET runner-secrets", RetryPolicy.Default, CallTimeout, cancellationToken);
        var result = await response.Content.ReadFromJsonAsync(RunnerJson.Default.RunnerSecrets, cancellationToken);
        return result?.Secrets ?? new Dictionary<string, string>();
    }

    public async Task PutReplicaStateAsync(ReplicaStateReport report, RetryPolicy retry, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, Service($"replicas/{Uri.EscapeDataString(options.ReplicaId)}"))
            {
                Content = JsonContent.Create(report, RunnerJson.Default.ReplicaStateReport),
            },
            "PUT replica state",
            retry,
            CallTimeout,
            cancellationToken);
    }

    public async Task<IReadOnlyList<WorkItem>> LeaseAsync(int maxItems, int waitSeconds, CancellationToken cancellationToken = default)
    {
        var body = new LeaseRequest(options.ReplicaId, maxItems, waitSeconds);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Service("work/lease")) { Content = JsonContent.Create(body, RunnerJson.Default.LeaseRequest) },
            "POST work/lease",
            RetryPolicy.Default,
            CallTimeout + TimeSpan.FromSeconds(waitSeconds),
            cancellationToken);
        var result = await response.Content.ReadFromJsonAsync(RunnerJson.Default.LeaseResponse, cancellationToken);
        return result?.Items ?? [];
    }

    public async Task<IReadOnlyList<LeaseRenewal>> RenewAsync(IReadOnlyList<string> leaseIds, CancellationToken cancellationToken = default)
    {
        var body = new RenewRequest(options.ReplicaId, leaseIds);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Service("work/renew")) { Content = JsonContent.Create(body, RunnerJson.Default.RenewRequest) },
            "POST work/renew",
            RetryPolicy.Short,
            CallTimeout,
            cancellationToken);
        var result = await response.Content.ReadFromJsonAsync(RunnerJson.Default.RenewResponse, cancellationToken);
        return result?.Leases ?? [];
    }

    /// <summary>Long poll for terminate requests of the held leases (answers early when one is to stop); one attempt.</summary>
    public async Task<IReadOnlyList<string>> WatchAsync(IReadOnlyList<string> leaseIds, int waitSeconds, CancellationToken cancellationToken = default)
    {
        var body = new WatchRequest(options.ReplicaId, leaseIds, waitSeconds);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Service("work/watch")) { Content = JsonContent.Create(body, RunnerJson.Default.WatchRequest) },
            "POST work/watch",
            RetryPolicy.None,
            CallTimeout + TimeSpan.FromSeconds(waitSeconds),
            cancellationToken);
        var result = await response.Content.ReadFromJsonAsync(RunnerJson.Default.WatchResponse, cancellationToken);
        return result?.Terminate ?? [];
    }

    /// <summary>
    /// One attempt: the event outbox owns retries so that it can re-stamp lease ids between attempts. The body is
    /// serialized straight into the request stream, so a large output is never copied into a buffer. Returns the
    /// events the host refused (an older host answers 202 without a body: none).
    /// </summary>
    public async Task<IReadOnlyList<EventRejection>> PostEventsAsync(IReadOnlyList<RunnerEvent> events, CancellationToken cancellationToken = default)
    {
        var body = new EventsRequest(options.ReplicaId, events);
        using var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Post, Service("work/events")) { Content = JsonContent.Create(body, RunnerJson.Default.EventsRequest) },
            "POST work/events",
            RetryPolicy.None,
            EventsTimeout,
            cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType is not { } mediaType || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var answer = await response.Content.ReadFromJsonAsync(RunnerJson.Default.EventsResponse, cancellationToken);
        return answer?.Rejected ?? [];
    }

    /// <summary>Opens the codebase zip; <paramref name="url"/> is relative to the host or absolute.</summary>
    public async Task<Stream> OpenCodebaseAsync(string url, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(options.HostUri, url.TrimStart('/'));
        var response = await SendAsync(
            () => new HttpRequestMessage(HttpMethod.Get, uri), "GET codebase", RetryPolicy.Default, DownloadHeadersTimeout, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        return new ResponseStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    private Uri Service(string relative) => new(options.HostUri, options.ServiceBasePath + relative);

    private async Task<HttpResponseMessage> SendAsync(
        Func<HttpRequestMessage> createRequest,
        string operation,
        RetryPolicy retry,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            System.Net.HttpStatusCode? status = null;
            using (var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeoutCts.CancelAfter(timeout);
                try
                {
                    using var request = createRequest();
                    var response = await http.SendAsync(request, completion, timeoutCts.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return response;
                    }

                    status = response.StatusCode;
                    var detail = await ReadDetailAsync(response, cancellationToken);
                    response.Dispose();
                    if (RetryPolicy.IsRefused(response.StatusCode))
                    {
                        throw new HostRefusedException($"{operation} was refused: {(int)response.StatusCode} {response.StatusCode}{detail}", response.StatusCode);
                    }

                    failure = new HostApiException($"{operation}: {(int)response.StatusCode} {response.StatusCode}{detail}", response.StatusCode);
                    if (!RetryPolicy.IsTransient(response.StatusCode))
                    {
                        throw failure;
                    }
                }
                catch (HttpRequestException ex)
                {
                    failure = ex;
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new TimeoutException($"{operation} timed out after {timeout.TotalSeconds:0} s.", ex);
                }
            }

            if (!retry.CanRetry(attempt))
            {
                throw new HostApiException($"{operation} failed after {attempt} attempt(s): {failure.Message}", status, failure);
            }

            var delay = retry.DelayFor(attempt);
            LogRetrying(logger, operation, attempt, delay.TotalMilliseconds, failure.Message);
            await Task.Delay(delay, cancellationToken);
        }
    }

    private static async Task<string> ReadDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length == 0 ? string.Empty : ": " + (text.Length > 300 ? text[..300] + "…" : text);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Operation} attempt {Attempt} failed, retrying in {DelayMs:0} ms: {Reason}")]
    private static partial void LogRetrying(ILogger logger, string operation, int attempt, double delayMs, string reason);
}
