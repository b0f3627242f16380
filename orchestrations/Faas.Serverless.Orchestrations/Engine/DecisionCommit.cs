using System.Text.Json.Serialization;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// What an accepted decision of the orchestration changes: the state it reached, the status entries it appends
/// and the commands to perform. <see cref="LastEventId"/> recognises a commit that already landed (an activity
/// runs at least once).
/// </summary>
public sealed record DecisionCommit(ExecutionState State, IReadOnlyList<StatusEntry> Entries, IReadOnlyList<ExecutionCommand> Commands)
{
    [JsonIgnore]
    public string ExecutionId => State.Id;

    [JsonIgnore]
    public string LastEventId => State.RecentEventIds[^1];
}
