using Faas.Serverless.Domain.Services;
using Faas.Serverless.Functions.Auth;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Functions.Endpoints;

internal static partial class RunnerEndpoints
{
    private const int PendingRechecks = 10;
    private static readonly ErrorInfo ResetError = new("ServiceReset", "The replica running this attempt stopped before it finished, and the service's onReset is 'failed'.", null);
    private static readonly TimeSpan PendingRecheckDelay = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Applies a runner's events. Events for unknown, foreign or stale attempts are ignored, not refused: the
    /// runner then drops the whole batch, and the good events in it would be lost.
    /// </summary>
    private static async Task<Accepted> ReportEventsAsync(
        RunnerEventsRequest request, HttpContext http, ExecutionEngine engine, IExecutionStore store, ServiceWorkQueues queues, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        foreach (var group in (request.Events ?? []).Where(e => e.ExecutionId is not null && e.Attempt is not null).GroupBy(e => e.ExecutionId!))
        {
            var record = await engine.GetAsync(group.Key, cancellationToken);
            if (record is null || record.Info.ServiceId != service.Id)
            {
                continue;
            }

            var logs = group.Where(e => e.Type == "log").Select(e => new ExecutionLogLine(e.Timestamp ?? DateTimeOffset.UtcNow, e.Attempt!.Value, e.Stream ?? "stdout", e.Level, e.Message ?? string.Empty, e.EventId ?? Guid.NewGuid().ToString("N"))).ToList();
            if (logs.Count > 0)
            {
                await store.AppendLogsAsync(group.Key, logs, cancellationToken);
            }

            await engine.ApplyAsync(group.Key, [.. group.Select(e => ToExecutionEvent(e, service.Spec.OnReset)).OfType<ExecutionEvent>()], cancellationToken);
            // A released attempt is dispatched again by the orchestration, so its old item goes too.
            foreach (var ending in group.Where(e => e.LeaseId is not null && e.Type is "succeeded" or "failed" or "released"))
            {
                await queues.CompleteAsync(service.Id, ending.LeaseId!, cancellationToken);
            }
        }

        return TypedResults.Accepted((string?)null);
    }

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
                await engine.ApplyAsync(work.Item.ExecutionId, [new AttemptAbandoned($"abandoned-{work.Item.Attempt}", work.Item.Attempt, error)], cancellationToken);
                await deadLetters.AddAsync(new DeadLetter(Domain.Common.Ids.New(), service.ProjectId, work.Item.ExecutionId, queues.QueueName(service.Id), System.Text.Json.JsonSerializer.Serialize(work.Item), error.Message, work.DequeueCount, DateTimeOffset.UtcNow), cancellationToken);
                await queues.CompleteAsync(service.Id, work.LeaseId, cancellationToken);
            }
            else if (standing == AttemptStanding.Active && await IsRunningAsync(engine, work, cancellationToken) && work.DequeueCount == 1)
            {
                // A first delivery of an attempt that already runs elsewhere is a duplicate send (a commit that was retried).
                await queues.CompleteAsync(service.Id, work.LeaseId, cancellationToken);
            }
            else if (standing == AttemptStanding.Active && work.DequeueCount > 1 && await IsRunningAsync(engine, work, cancellationToken)
                && await queues.HoldForHolderAsync(service.Id, work, cancellationToken))
            {
                // Its lease ran out, but its replica may only have been cut off (a storage or host outage): it gets one more
                // lease to renew or report before the attempt counts as reset, so a finished call is not run again.
            }
            else if (standing == AttemptStanding.Active && service.Spec.OnReset == OnReset.Failed && await IsRunningAsync(engine, work, cancellationToken))
            {
                // Delivered again while it was running: its replica died mid-call, and the service asked for a failure, not a rerun.
                await engine.ApplyAsync(work.Item.ExecutionId, [new AttemptFailed($"reset-{work.Item.Attempt}-{work.DequeueCount}", work.Item.Attempt, ResetError, Terminated: false)], cancellationToken);
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
