using System.Text.Json;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Collects the state changes, entries and commands of one accepted event.</summary>
internal sealed class Transition(ExecutionState state, DateTimeOffset at)
{
    private readonly List<StatusEntry> _entries = [];
    private readonly List<ExecutionCommand> _commands = [];

    public ExecutionState State { get; set; } = state;

    public DateTimeOffset At { get; } = at;

    /// <summary>Appends a status entry carrying the state's current progress.</summary>
    public void Record(ExecutionStatus status, string? message, ErrorInfo? error = null, JsonElement? output = null)
    {
        _entries.Add(new StatusEntry(At, status.ToWireName(), message, State.PercentComplete, error, output));
        if (message is not null)
        {
            State = State with { LastMessage = message };
        }
    }

    public void Command(ExecutionCommand command) => _commands.Add(command);

    public Decision Complete(string eventId)
    {
        var remembered = State.RecentEventIds
            .Skip(Math.Max(0, State.RecentEventIds.Count - ExecutionOrchestrator.RememberedEventIds + 1))
            .Append(eventId)
            .ToArray();
        var state = State with
        {
            HistoryCount = State.HistoryCount + _entries.Count,
            UpdatedAt = At,
            RecentEventIds = remembered,
        };
        return new Decision(state, _entries.ToArray(), _commands.ToArray(), Dropped: null);
    }
}
