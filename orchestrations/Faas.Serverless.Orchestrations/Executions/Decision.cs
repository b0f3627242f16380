using System.Diagnostics.CodeAnalysis;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// The outcome of one event. Accepted: the new state, the status entries to append (numbered from the old
/// state's <see cref="ExecutionState.HistoryCount"/>) and the commands to perform. Dropped: the very same state
/// (null only when there was none), no entries, no commands, and a <see cref="DropReasons"/> code for logs and
/// metrics; the engine commits nothing and just removes the message.
/// </summary>
public sealed record Decision(
    ExecutionState? State,
    IReadOnlyList<StatusEntry> Entries,
    IReadOnlyList<ExecutionCommand> Commands,
    string? Dropped)
{
    // "State is null" makes the attribute hold even for a Decision built by hand.
    [MemberNotNullWhen(false, nameof(State))]
    public bool IsDropped => Dropped is not null || State is null;

    internal static Decision Drop(ExecutionState? state, string reason) => new(state, [], [], reason);
}
