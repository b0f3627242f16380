using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Applies events to an execution's record: every change reads the record, applies the events with
/// <see cref="ExecutionOrchestrator.ApplyAll"/>, performs the decision's sends, then commits state and history in
/// one ETag-guarded transaction; a concurrent writer (progress beside a decision) makes it re-read and re-apply.
/// The orchestration calls it through <see cref="ApplyEventsActivity"/>, and progress on a running attempt goes
/// here directly: both apply the one state machine to the one stored state, so neither can undo the other.
/// </summary>
public sealed partial class ExecutionCommitter(
    IExecutionStore store,
    ExecutionRecords records,
    ServiceWorkQueues work,
    ExecutionWaiters waiters,
    TimeProvider clock,
    ILogger<ExecutionCommitter> logger)
{
    private const int MaxConflictRetries = 20;
    private const int MaxEntriesPerCommit = 90;

    /// <summary>Applies <paramref name="events"/> in order; returns the execution as committed, or null when it does not exist.</summary>
    /// <remarks>
    /// An activity runs at least once: a batch applied before is dropped as duplicate events and changes nothing.
    /// Work is sent before the record that wants it is committed (a runner that leases it early is told to wait a
    /// moment), never after, so a crash in between leaves at worst a duplicate, which the lease check drops.
    /// </remarks>
    public async Task<ExecutionRecord?> ApplyAsync(string executionId, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        ExecutionRecord? record = null;
        foreach (var chunk in events.Chunk(MaxEntriesPerCommit / 2))
        {
            record = await ApplyChunkAsync(executionId, chunk, cancellationToken);
            if (record is null)
            {
                return null;
            }
        }

        return record ?? await records.GetAsync(executionId, cancellationToken);
    }

    private async Task<ExecutionRecord?> ApplyChunkAsync(string executionId, ExecutionEvent[] events, CancellationToken cancellationToken)
    {
        var fresh = false;
        for (var attempt = 1; ; attempt++)
        {
            var record = fresh ? await records.ReadAsync(executionId, cancellationToken) : await records.GetAsync(executionId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            var decision = ExecutionOrchestrator.ApplyAll(record.State, events, clock.GetUtcNow());
            if (decision.IsDropped && !fresh)
            {
                // Dropped against this host's cache: another host may have moved the execution on since.
                fresh = true;
                continue;
            }

            if (decision.IsDropped)
            {
                LogDropped(logger, executionId, events.Length, decision.Dropped ?? DropReasons.NoChange);
                return record;
            }

            var dispatches = decision.Commands.OfType<DispatchAttempt>().ToList();
            foreach (var dispatch in dispatches)
            {
                await work.EnqueueAsync(WorkItems.For(record.Info, dispatch.Attempt, decision.State.Policy.TimeoutSeconds), cancellationToken);
            }

            try
            {
                var committed = await store.CommitAsync(record, decision.State, decision.Entries, cancellationToken);
                records.Remember(committed);
                if (record.State.Status != committed.State.Status || record.State.Attempts != committed.State.Attempts)
                {
                    await store.UpdateIndexAsync(committed, cancellationToken);
                }

                if (dispatches.Count > 0)
                {
                    work.WakeLessees(record.Info.ServiceId);
                }

                waiters.Notify(executionId);
                return committed;
            }
            catch (PreconditionFailedException) when (attempt < MaxConflictRetries)
            {
                fresh = true;
                LogConflict(logger, executionId, attempt);
            }
        }
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Execution {ExecutionId} dropped a batch of {Count} events: {Reason}")]
    private static partial void LogDropped(ILogger logger, string executionId, int count, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Execution {ExecutionId} changed concurrently; re-applying (try {Attempt})")]
    private static partial void LogConflict(ILogger logger, string executionId, int attempt);
}
