using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Faas.Serverless.Api.Endpoints;

internal static partial class ExecutionEndpoints
{
    private const int MaxWaitSeconds = 300;

    public static void MapExecutionEndpoints(this RouteGroupBuilder project)
    {
        project.MapPost("/services/{serviceId}/execute", ExecuteAsync).RequireProjectRole(ProjectRole.Developer).WithTags("Executions")
            .Produces<ExecutionResponse>(StatusCodes.Status201Created).Produces<ExecutionResponse>();
        project.MapGet("/services/{serviceId}/executions", (string serviceId, HttpContext http, IExecutionStore store, [AsParameters] ExecutionFilter filter, CancellationToken cancellationToken) =>
            ListAsync(http, store, filter with { ServiceId = serviceId }, cancellationToken)).WithTags("Executions");
        var group = project.MapGroup("/executions").WithTags("Executions");
        group.MapGet("/", (HttpContext http, IExecutionStore store, [AsParameters] ExecutionFilter filter, CancellationToken cancellationToken) => ListAsync(http, store, filter, cancellationToken));
        group.MapGet("/{executionId}", GetAsync);
        group.MapGet("/{executionId}/logs", GetLogsAsync).Produces<LogsResponse>();
        group.MapGet("/{executionId}/orchestration", GetOrchestrationAsync);
        group.MapPost("/{executionId}/terminate", TerminateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/{executionId}/rerun", RerunAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapPost("/rerun", RerunBatchAsync).RequireProjectRole(ProjectRole.Developer);
    }

    private static async Task<IResult> ExecuteAsync(
        string serviceId,
        ExecuteRequest request,
        bool? wait,
        int? timeout,
        bool? returnCurlOnly,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http,
        IServiceStore services,
        ExecutionStarter starter,
        ExecutionEngine engine,
        ExecutionResponder responder,
        ExecutionWaiters waiters,
        CancellationToken cancellationToken)
    {
        var scope = http.GetProjectScope();
        var service = await services.GetAsync(scope.Project.Id, serviceId, cancellationToken);
        if (service is null || service.Deleting)
        {
            return Problems.NotFound($"Service '{serviceId}' was not found.");
        }

        if (returnCurlOnly == true)
        {
            return TypedResults.Text(CurlCommand.For(http.Request, request, idempotencyKey), "text/plain");
        }

        if (idempotencyKey is { Length: > 200 })
        {
            return Problems.Invalid("Idempotency-Key", "The Idempotency-Key header must be at most 200 characters.");
        }

        ExecutionRecord record;
        bool created;
        try
        {
            (record, created) = await starter.StartAsync(service, request, Caller.From(http.User).Id, idempotencyKey, cancellationToken: cancellationToken);
        }
        catch (ServiceNotRunnableException notRunnable)
        {
            return Problems.ServiceNotRunnable(notRunnable);
        }
        catch (InputTooLargeException tooLarge)
        {
            return Problems.TooLarge("input", tooLarge.Message);
        }

        if (wait == true)
        {
            record = await WaitForFinishAsync(record, TimeSpan.FromSeconds(Math.Clamp(timeout ?? 60, 1, MaxWaitSeconds)), engine, waiters, cancellationToken);
        }

        var response = await responder.RespondAsync(record, cancellationToken);
        return created ? TypedResults.Created(response.Url, response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<Page<ExecutionSummary>>> ListAsync(HttpContext http, IExecutionStore store, ExecutionFilter filter, CancellationToken cancellationToken)
    {
        var query = new ExecutionQuery(http.GetProjectScope().Project.Id, filter.ServiceId, CanonicalStatus(filter.Status), filter.FunctionName, filter.TriggerId, filter.From, filter.To);
        return TypedResults.Ok(await store.ListAsync(query, Paging.Request(filter.PageSize, filter.ContinuationToken), cancellationToken));
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> GetAsync(
        string executionId, string? waitFor, int? timeout, HttpContext http, ExecutionEngine engine, ExecutionResponder responder, ExecutionWaiters waiters, CancellationToken cancellationToken)
    {
        var record = await FindAsync(http, executionId, engine, cancellationToken);
        if (record is null)
        {
            return NotFound(executionId);
        }

        if (waitFor is not null && !string.Equals(waitFor, "finished", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("waitFor", "waitFor accepts only 'finished'.");
        }

        if (waitFor is not null)
        {
            record = await WaitForFinishAsync(record, TimeSpan.FromSeconds(Math.Clamp(timeout ?? 30, 1, MaxWaitSeconds)), engine, waiters, cancellationToken);
        }

        return TypedResults.Ok(await responder.RespondAsync(record, cancellationToken));
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> TerminateAsync(
        string executionId, HttpContext http, ExecutionEngine engine, ExecutionResponder responder, TerminationSignals runners, CancellationToken cancellationToken)
    {
        var record = await FindAsync(http, executionId, engine, cancellationToken);
        if (record is null)
        {
            return NotFound(executionId);
        }

        var caller = Caller.From(http.User).Id;
        record = await engine.ApplyAsync(executionId, [new TerminateRequested($"terminate-{record.State.Cycle}", caller, "requested through the API")], cancellationToken) ?? record;
        runners.Signal(record.Info.ServiceId);
        return TypedResults.Ok(await responder.RespondAsync(record, cancellationToken));
    }

    private static async Task<Results<Ok<ExecutionResponse>, ProblemHttpResult>> RerunAsync(
        string executionId, HttpContext http, ExecutionEngine engine, ExecutionResponder responder, CancellationToken cancellationToken)
    {
        var record = await FindAsync(http, executionId, engine, cancellationToken);
        if (record is null)
        {
            return NotFound(executionId);
        }

        if (!record.State.CanRerun)
        {
            return Problems.Conflict($"Execution '{executionId}' is {record.State.Status.ToWireName()}; only a finished execution can be rerun.");
        }

        record = await engine.ApplyAsync(executionId, [new RerunRequested($"rerun-{record.State.Cycle + 1}", Caller.From(http.User).Id)], cancellationToken) ?? record;
        return TypedResults.Ok(await responder.RespondAsync(record, cancellationToken));
    }

    private static async Task<Ok<RerunBatchResponse>> RerunBatchAsync(
        RerunBatchRequest request, HttpContext http, ExecutionEngine engine, IExecutionStore store, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var limit = Math.Clamp(request.Limit ?? 100, 1, 1000);
        var query = new ExecutionQuery(projectId, request.ServiceId, CanonicalStatus(request.Status), request.FunctionName, request.TriggerId, request.From, request.To);
        var rerun = new List<string>();
        var skipped = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListAsync(query, new PageRequest(Math.Min(limit, PageRequest.MaxPageSize), token), cancellationToken);
            var candidates = new List<ExecutionRecord>();
            foreach (var summary in page.Items.TakeWhile(_ => candidates.Count + rerun.Count + skipped.Count < limit))
            {
                if (await engine.GetAsync(summary.Id, cancellationToken) is { State.CanRerun: true } record)
                {
                    candidates.Add(record);
                }
                else
                {
                    skipped.Add(summary.Id);
                }
            }

            // Each waits for its orchestration to take the rerun; side by side, a batch costs about one such wait.
            await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (record, cancel) =>
                await engine.ApplyAsync(record.Info.Id, [new RerunRequested($"rerun-{record.State.Cycle + 1}", Caller.From(http.User).Id)], cancel));
            rerun.AddRange(candidates.Select(record => record.Info.Id));

            token = page.ContinuationToken;
        }
        while (token is not null && rerun.Count + skipped.Count < limit);

        return TypedResults.Ok(new RerunBatchResponse(rerun.Count, rerun, skipped));
    }

    /// <summary>Only executions of the caller's project exist for the caller.</summary>
    private static async Task<ExecutionRecord?> FindAsync(HttpContext http, string executionId, ExecutionEngine engine, CancellationToken cancellationToken)
    {
        var record = await engine.GetAsync(executionId, cancellationToken);
        return record?.Info.ProjectId == http.GetProjectScope().Project.Id ? record : null;
    }

    /// <summary>
    /// Wakes on this host's commits, and once a second reads storage, since the orchestration's activity may commit the
    /// final status on another host.
    /// </summary>
    private static async Task<ExecutionRecord> WaitForFinishAsync(ExecutionRecord record, TimeSpan timeout, ExecutionEngine engine, ExecutionWaiters waiters, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var woken = true;
        while (!record.State.IsFinal && DateTimeOffset.UtcNow < deadline)
        {
            var watch = waiters.Watch(record.Info.Id);
            record = await (woken ? engine.GetAsync(record.Info.Id, cancellationToken) : engine.ReadAsync(record.Info.Id, cancellationToken)) ?? record;
            if (record.State.IsFinal)
            {
                break;
            }

            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            woken = await Task.WhenAny(watch, Task.Delay(remaining < TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1), cancellationToken)) == watch;
        }

        return record;
    }

    /// <summary>Filters accept every spelling the API accepts elsewhere; the index stores the wire name.</summary>
    private static string? CanonicalStatus(string? status) =>
        status is null ? null
        : ExecutionStatuses.TryParse(status, out var parsed) ? parsed.ToWireName()
        : throw Invalid("status", $"'{status}' is not an execution status; use created, in-progress, success, failed, terminated, aborted or system-failure.");

    private static ValidationFailedException Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new ValidationFailedException(errors);
    }

    private static ProblemHttpResult NotFound(string executionId) => Problems.NotFound($"Execution '{executionId}' was not found.");
}

/// <summary>Query string filters of execution listings.</summary>
internal sealed record ExecutionFilter(string? ServiceId, string? Status, string? FunctionName, string? TriggerId, DateTimeOffset? From, DateTimeOffset? To, int? PageSize, string? ContinuationToken);
