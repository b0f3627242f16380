using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// How a decision of the orchestration lands on the stored record. The orchestration owns the lifecycle; progress
/// goes straight to the record (<see cref="ExecutionEngine"/>), so the record alone knows the running attempt's
/// latest percentage and message, the count of status entries and every event id it took.
/// </summary>
internal static class RecordMerge
{
    public static ExecutionState Merge(ExecutionState stored, ExecutionState decided, IReadOnlyList<StatusEntry> entries)
    {
        var sameRun = decided.Phase == ExecutionPhase.Running && stored.Phase == ExecutionPhase.Running && decided.Attempt == stored.Attempt;
        var remembered = stored.RecentEventIds.Concat(decided.RecentEventIds.Except(stored.RecentEventIds, StringComparer.Ordinal)).ToArray();
        return decided with
        {
            PercentComplete = sameRun ? stored.PercentComplete ?? decided.PercentComplete : decided.PercentComplete,
            LastMessage = entries.Any(e => e.Message is not null) ? decided.LastMessage : stored.LastMessage,
            HistoryCount = stored.HistoryCount + entries.Count,
            UpdatedAt = decided.UpdatedAt > stored.UpdatedAt ? decided.UpdatedAt : stored.UpdatedAt,
            RecentEventIds = remembered[Math.Max(0, remembered.Length - ExecutionOrchestrator.RememberedEventIds)..],
        };
    }
}
