namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Several events applied as one change: what a runner's report, or a raised batch, amounts to.</summary>
public static partial class ExecutionOrchestrator
{
    /// <summary>
    /// Applies <paramref name="events"/> in order. The result is dropped only when every event was; otherwise it
    /// carries the last state and the accepted events' entries and commands together.
    /// </summary>
    public static Decision ApplyAll(ExecutionState? state, IEnumerable<ExecutionEvent> events, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(events);
        var entries = new List<StatusEntry>();
        var commands = new List<ExecutionCommand>();
        string? dropped = DropReasons.NoChange;
        foreach (var evt in events)
        {
            var decision = Apply(state, evt, now);
            if (decision.IsDropped)
            {
                continue;
            }

            dropped = null;
            state = decision.State;
            entries.AddRange(decision.Entries);
            commands.AddRange(decision.Commands);
        }

        return dropped is null ? new Decision(state, entries, commands, Dropped: null) : Decision.Drop(state, dropped);
    }
}
