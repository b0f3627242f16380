using System.Runtime.CompilerServices;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Longest single long poll: the host allows 300 s, but proxies and idle timeouts rarely do.</summary>
    private static readonly TimeSpan MaxPoll = TimeSpan.FromSeconds(60);

    /// <summary>Starts an execution (<c>201</c>, queued); <c>409</c> when the service cannot run it.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="functionName">The function; null when the module has one.</param>
    /// <param name="input">The inputs by name, serialized as JSON.</param>
    /// <param name="idempotencyKey">A key that makes a repeat of this request answer the same execution.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public async Task<Execution> ExecuteAsync(string projectId, string serviceId, string? functionName, object? input, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var body = new { functionName, input };
        var call = new ApiRequest(HttpMethod.Post, ServicePath(projectId, serviceId) + "/execute", () => System.Net.Http.Json.JsonContent.Create(body, options: FaasJson.Options))
        {
            IdempotencyKey = idempotencyKey,
        };
        using var response = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return await ProblemReader.ReadJsonAsync<Execution>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an execution with its status log, input and output.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Execution> GetExecutionAsync(string projectId, string executionId, CancellationToken cancellationToken = default) =>
        GetAsync<Execution>(ExecutionPath(projectId, executionId), cancellationToken);

    /// <summary>
    /// Waits until the execution is final with the API's long poll (<c>?waitFor=finished</c>), polling again
    /// until <paramref name="timeout"/>, and returns it. Throws <see cref="TimeoutException"/> when it is still running then.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="timeout">How long to wait in all.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async Task<Execution> WaitForExecutionAsync(string projectId, string executionId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            var seconds = (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, MaxPoll.TotalSeconds);
            var query = QueryString.Empty.With("waitFor", "finished").With("timeout", seconds);
            var execution = await GetAsync<Execution>(ExecutionPath(projectId, executionId) + query.Value, cancellationToken).ConfigureAwait(false);
            if (execution.IsFinal)
            {
                return execution;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new TimeoutException($"Execution '{executionId}' is still {execution.Status} after {timeout.TotalSeconds:0.#} s.");
            }
        }
    }

    /// <summary>Lists a project's executions, newest first, following continuation tokens as the caller reads.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="filter">Filters and page size; null lists all.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<ExecutionSummary> ListExecutionsAsync(string projectId, ExecutionFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var query = QueryString.Empty
            .With("serviceId", filter?.ServiceId)
            .With("status", filter?.Status)
            .With("functionName", filter?.FunctionName)
            .With("triggerId", filter?.TriggerId)
            .With("from", filter?.From)
            .With("to", filter?.To);
        return ListAsync<ExecutionSummary>(ProjectPath(projectId) + "/executions", query, filter?.PageSize, cancellationToken);
    }

    /// <summary>Terminates an execution: at once when queued, at the runner's next lease renewal when running.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Execution> TerminateExecutionAsync(string projectId, string executionId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Execution>(HttpMethod.Post, ExecutionPath(projectId, executionId) + "/terminate", body: null, cancellationToken);

    /// <summary>Runs a finished execution again (same id, a new attempt cycle); <c>409</c> while it is not final.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Execution> RerunExecutionAsync(string projectId, string executionId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Execution>(HttpMethod.Post, ExecutionPath(projectId, executionId) + "/rerun", body: null, cancellationToken);

    /// <summary>Reads the log lines after <paramref name="cursor"/> (from the start when null).</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="cursor">The cursor of the previous read.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<ExecutionLogPage> GetExecutionLogsAsync(string projectId, string executionId, string? cursor = null, CancellationToken cancellationToken = default) =>
        GetAsync<ExecutionLogPage>(ExecutionPath(projectId, executionId) + "/logs" + QueryString.Empty.With("cursor", cursor).Value, cancellationToken);

    /// <summary>
    /// Yields an execution's log lines as they are written, reading on from each cursor, and ends once the
    /// execution is final and every line is read.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="executionId">The execution.</param>
    /// <param name="pollInterval">The wait between reads that found nothing new; 500 ms when null.</param>
    /// <param name="cancellationToken">Stops following.</param>
    public async IAsyncEnumerable<ExecutionLogLine> FollowLogsAsync(string projectId, string executionId, TimeSpan? pollInterval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? cursor = null;
        while (true)
        {
            // The status is read before the lines: a final status seen first means no line can come after that read.
            var final = (await GetExecutionAsync(projectId, executionId, cancellationToken).ConfigureAwait(false)).IsFinal;
            var page = await GetExecutionLogsAsync(projectId, executionId, cursor, cancellationToken).ConfigureAwait(false);
            foreach (var line in page.Lines)
            {
                yield return line;
            }

            cursor = page.Cursor ?? cursor;
            if (page.Lines.Count == 0)
            {
                if (final)
                {
                    yield break;
                }

                await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static string ExecutionPath(string projectId, string executionId) => ProjectPath(projectId) + "/executions/" + Escape(executionId);
}
