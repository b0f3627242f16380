using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>A change to an execution's record: its next state and the status entries to append.</summary>
public sealed record RecordChange(ExecutionState State, IReadOnlyList<StatusEntry> Entries);

/// <summary>
/// Writes execution records: the orchestration's decisions (with their sends) and progress. Each write is guarded
/// by the record's ETag; a concurrent writer (a progress report beside a decision) makes it re-read and retry.
/// </summary>
public sealed partial class ExecutionCommitter(
    IExecutionStore store,
    ExecutionRecords records,
    ServiceWorkQueues work,
    ExecutionWaiters waiters,
    ILogger<ExecutionCommitter> logger)
{
    private const int MaxConflictRetries = 20;

    /// <summary>
    /// Commits a decision of <see cref="ExecutionOrchestration"/>. Work is sent before the record says it is
    /// wanted (a runner that gets it early is told to wait a moment), never after, so a crash in between leaves a
    /// duplicate at worst, which the lease check drops. A decision that already landed is recognised by its last
    /// event id and not applied twice.
    /// </summary>
    /// <exception cref="InvalidOperationException">The execution has no record.</exception>
    public async Task CommitAsync(DecisionCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var record = await records.GetAsync(commit.ExecutionId, cancellationToken)
            ?? throw new InvalidOperationException($"Execution '{commit.ExecutionId}' has an orchestration but no record.");
        if (Landed(record, commit))
        {
            return;
        }

        var dispatches = commit.Commands.OfType<DispatchAttempt>().ToList();
        foreach (var dispatch in dispatches)
        {
            await work.EnqueueAsync(WorkItems.For(record.Info, dispatch.Attempt, commit.State.Policy.TimeoutSeconds), cancellationToken);
        }

        await ChangeAsync(
            commit.ExecutionId,
            stored => Landed(stored, commit) ? null : new RecordChange(RecordMerge.Merge(stored.State, commit.State, commit.Entries), commit.Entries),
            cancellationToken);
        if (dispatches.Count > 0)
        {
            work.WakeLessees(record.Info.ServiceId);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored record until it commits; null when there is no record.</summary>
    /// <param name="change">The change to make to the record as read, or null when there is nothing to change.</param>
    public async Task<ExecutionRecord?> ChangeAsync(string executionId, Func<ExecutionRecord, RecordChange?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var record = await records.GetAsync(executionId, cancellationToken);
            if (record is null || change(record) is not { } next)
            {
                return record;
            }

            try
            {
                var committed = await store.CommitAsync(record, next.State, next.Entries, cancellationToken);
                records.Remember(committed);
                if (record.State.Status != committed.State.Status || record.State.Attempts != committed.State.Attempts)
                {
                    await store.UpdateIndexAsync(committed, cancellationToken);
                }

                waiters.Notify(executionId);
                return committed;
            }
            catch (PreconditionFailedException) when (attempt < MaxConflictRetries)
            {
                records.Forget(executionId);
                LogConflict(logger, executionId, attempt);
            }
        }
    }

    private static bool Landed(ExecutionRecord record, DecisionCommit commit) =>
        record.State.RecentEventIds.Contains(commit.LastEventId, StringComparer.Ordinal);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Execution {ExecutionId} changed concurrently; re-applying (try {Attempt})")]
    private static partial void LogConflict(ILogger logger, string executionId, int attempt);
}
