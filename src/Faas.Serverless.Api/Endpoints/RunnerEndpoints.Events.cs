using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

internal static partial class RunnerEndpoints
{
    private const int PendingRechecks = 10;
    private static readonly ErrorInfo ResetError = new("ServiceReset", "The replica running this attempt stopped before it finished, and the service's onReset is 'failed'.", null);
    private static readonly TimeSpan PendingRecheckDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Applies a runner's events and lists the ones it refused, so the runner drops those alone: one bad event (an
    /// output storage will not take) never blocks the others. Events for unknown, foreign or stale attempts are
    /// ignored, not refused. An execution's events are answered once its record shows them; those its orchestration
    /// has not applied in time are listed with 503 ("not applied yet"), and the runner posts them again (events already
    /// applied are recognized by their eventId). A storage outage fails the whole request with 503. Executions are
    /// handled side by side.
    /// </summary>
    private static async Task<Ok<RunnerEventsResponse>> ReportEventsAsync(
        RunnerEventsRequest request, HttpContext http, ExecutionEngine engine, IExecutionStore store, ServiceWorkQueues queues, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        var rejected = new List<RejectedEvent>();
        foreach (var invalid in (request.Events ?? []).Where(e => e.ExecutionId is null || e.Attempt is null))
        {
            rejected.Add(new RejectedEvent(invalid.EventId, StatusCodes.Status400BadRequest, "An event needs executionId and attempt."));
        }

        var groups = (request.Events ?? []).Where(e => e.ExecutionId is not null && e.Attempt is not null).GroupBy(e => e.ExecutionId!);
        foreach (var refused in await Task.WhenAll(groups.Select(group => ReportExecutionEventsAsync(service, group.Key, [.. group], engine, store, queues, cancellationToken))))
        {
            rejected.AddRange(refused);
        }

        return TypedResults.Ok(new RunnerEventsResponse(rejected));
    }

    /// <summary>One execution's share of a runner's post; returns the events refused.</summary>
    private static async Task<List<RejectedEvent>> ReportExecutionEventsAsync(
        Service service, string executionId, List<RunnerEvent> events, ExecutionEngine engine, IExecutionStore store, ServiceWorkQueues queues, CancellationToken cancellationToken)
    {
        var rejected = new List<RejectedEvent>();
        var record = await engine.GetAsync(executionId, cancellationToken);
        if (record is null || record.Info.ServiceId != service.Id)
        {
            return rejected;
        }

        var logs = events.Where(e => e.Type == "log").ToList();
        if (logs.Count > 0)
        {
            await TryApplyAsync(logs, rejected, () => store.AppendLogsAsync(executionId, [.. logs.Select(ToLogLine)], cancellationToken));
        }

        List<RunnerEvent> applied;
        try
        {
            applied = await ApplyExecutionEventsAsync(engine, executionId, [.. events.Where(e => e.Type != "log")], service.Spec.OnReset, rejected, cancellationToken);
        }
        catch (NotAppliedYetException ex)
        {
            // Its work item stays too: it is completed only once the result is in the record.
            rejected.AddRange(events.Where(e => e.Type != "log").Select(e => new RejectedEvent(e.EventId, StatusCodes.Status503ServiceUnavailable, ex.Message)));
            return rejected;
        }

        // A released attempt is dispatched again by the orchestration, so its old item goes too.
        foreach (var ending in applied.Where(e => e.LeaseId is not null && e.Type is "succeeded" or "failed" or "released"))
        {
            await queues.CompleteAsync(service.Id, ending.LeaseId!, cancellationToken);
        }

        return rejected;
    }

    /// <summary>Applies one execution's events together, or one by one when storage refuses the lot, refusing only the bad ones.</summary>
    private static async Task<List<RunnerEvent>> ApplyExecutionEventsAsync(
        ExecutionEngine engine, string executionId, List<RunnerEvent> events, OnReset onReset, List<RejectedEvent> rejected, CancellationToken cancellationToken)
    {
        // Together first: one storage round trip for the usual batch; a refusal there is sorted out one event at a time.
        if (await TryApplyAsync(events, [], () => engine.SendAsync(executionId, [.. events.Select(e => ToExecutionEvent(e, onReset)).OfType<ExecutionEvent>()], cancellationToken)))
        {
            return events;
        }

        var applied = new List<RunnerEvent>();
        foreach (var runnerEvent in events)
        {
            if (ToExecutionEvent(runnerEvent, onReset) is { } executionEvent
                && await TryApplyAsync([runnerEvent], rejected, () => engine.SendAsync(executionId, [executionEvent], cancellationToken)))
            {
                applied.Add(runnerEvent);
            }
        }

        return applied;
    }

    /// <summary>Runs <paramref name="apply"/>; when storage refuses the request itself (not an outage), records the events as rejected.</summary>
    private static async Task<bool> TryApplyAsync(IReadOnlyList<RunnerEvent> events, List<RejectedEvent> rejected, Func<Task> apply)
    {
        try
        {
            await apply();
            return true;
        }
        catch (StorageRejectedException ex)
        {
            rejected.AddRange(events.Select(e => new RejectedEvent(e.EventId, ex.IsTooLarge ? 413 : 400, $"Storage refused the event: {ex.Message}")));
            return false;
        }
        catch (ArgumentException ex)
        {
            // The stores refuse a value they cannot hold (an execution state too large for its entity) before calling storage.
            rejected.AddRange(events.Select(e => new RejectedEvent(e.EventId, 400, $"The event cannot be stored: {ex.Message}")));
            return false;
        }
    }

    private static ExecutionLogLine ToLogLine(RunnerEvent e) =>
        new(e.Timestamp ?? DateTimeOffset.UtcNow, e.Attempt!.Value, e.Stream ?? "stdout", e.Level, e.Message ?? string.Empty, e.EventId ?? Guid.NewGuid().ToString("N"));

    /// <param name="onReset">What the service wants done with an attempt a replica hands back unfinished.</param>
    private static ExecutionEvent? ToExecutionEvent(RunnerEvent e, OnReset onReset)
    {
        var (id, attempt) = (e.EventId ?? Guid.NewGuid().ToString("N"), e.Attempt!.Value);
        return e.Type switch
        {
            "started" => new RunnerStarted(id, attempt),
            "progress" => new ProgressReported(id, attempt, e.Status, e.PercentComplete, e.Message),
            "succeeded" => new AttemptSucceeded(id, attempt, e.Output),
            "failed" => new AttemptFailed(id, attempt, e.Error ?? new ErrorInfo("Error", e.Message ?? "The runner reported a failure without details.", null), e.Terminated ?? false),
            "released" when onReset == OnReset.Failed => new AttemptFailed(id, attempt, ResetError, Terminated: false),
            "released" => new AttemptReleased(id, attempt),
            _ => null,
        };
    }

    /// <summary>
    /// Hands out only attempts that are still wanted. A work item whose execution is not committed yet goes back
    /// for a moment (it is sent before the commit); one that keeps failing is abandoned and dead-lettered.
    /// </summary>
    private static async Task<List<LeasedWork>> KeepWantedAsync(
        Service service, IReadOnlyList<LeasedWork> leased, ExecutionEngine engine, ServiceWorkQueues queues, IDeadLetterStore deadLetters, int maxDeliveries, CancellationToken cancellationToken)
    {
        var wanted = new List<LeasedWork>(leased.Count);
        foreach (var work in leased)
        {
            var standing = wanted.Any(w => w.Item.ExecutionId == work.Item.ExecutionId && w.Item.Attempt == work.Item.Attempt)
                ? AttemptStanding.Stale
                : await engine.GetStandingAsync(work.Item.ExecutionId, work.Item.Attempt, cancellationToken);
            for (var recheck = 0; standing == AttemptStanding.Pending && recheck < PendingRechecks; recheck++)
            {
                // Its commit is usually a few milliseconds behind the send; waiting here beats a round trip through the queue.
                await Task.Delay(PendingRecheckDelay, cancellationToken);
                standing = await engine.GetStandingAsync(work.Item.ExecutionId, work.Item.Attempt, cancellationToken);
            }

            if (work.DequeueCount > maxDeliveries)
            {
                var error = new ErrorInfo("WorkItemPoisoned", $"The work item was delivered {work.DequeueCount} times and no runner reported a result.", null);
                await engine.SendAsync(work.Item.ExecutionId, [new AttemptAbandoned($"abandoned-{work.Item.Attempt}", work.Item.Attempt, error)], cancellationToken);
                await deadLetters.AddAsync(new DeadLetter(Domain.Common.Ids.New(), service.ProjectId, work.Item.ExecutionId, queues.QueueName(service.Id), System.Text.Json.JsonSerializer.Serialize(work.Item), error.Message, work.DequeueCount, DateTimeOffset.UtcNow), cancellationToken);
                await queues.CompleteAsync(service.Id, work.LeaseId, cancellationToken);
            }
            else if (standing == AttemptStanding.Active && await IsRunningAsync(engine, work, cancellationToken) && work.DequeueCount == 1)
            {
                // A first delivery of an attempt that already runs elsewhere is a duplicate send (a commit that was retried).
                await queues.CompleteAsync(service.Id, work.LeaseId, cancellationToken);
            }
            else if (standing == AttemptStanding.Active && work.DequeueCount > 1 && await queues.HoldForHolderAsync(service.Id, work, cancellationToken))
            {
                // Its lease ran out, but its replica may only have been cut off (a storage or host outage; its started event
                // may not have been stored either): it gets one more lease to renew or report before the attempt counts
                // as reset, so a call that ran, or finished, is not run again.
                continue;
            }
            else if (standing == AttemptStanding.Active && service.Spec.OnReset == OnReset.Failed && await IsRunningAsync(engine, work, cancellationToken))
            {
                // Delivered again while it was running: its replica died mid-call, and the service asked for a failure, not a rerun.
                await engine.SendAsync(work.Item.ExecutionId, [new AttemptFailed($"reset-{work.Item.Attempt}-{work.DequeueCount}", work.Item.Attempt, ResetError, Terminated: false)], cancellationToken);
                await queues.CompleteAsync(service.Id, work.LeaseId, cancellationToken);
            }
            else if (standing == AttemptStanding.Pending)
            {
                await queues.ReleaseAsync(service.Id, work.LeaseId, TimeSpan.FromSeconds(1), cancellationToken);
            }
            else if (standing == AttemptStanding.Stale)
            {
                await queues.CompleteAsync(service.Id, work.LeaseId, cancellationToken);
            }
            else
            {
                wanted.Add(work);
            }
        }

        return wanted;
    }

    /// <summary>Whether a runner already reported the item's attempt started (the state was just read, so this hits the cache).</summary>
    private static async Task<bool> IsRunningAsync(ExecutionEngine engine, LeasedWork work, CancellationToken cancellationToken) =>
        (await engine.GetAsync(work.Item.ExecutionId, cancellationToken))?.State.Phase == ExecutionPhase.Running;
}
