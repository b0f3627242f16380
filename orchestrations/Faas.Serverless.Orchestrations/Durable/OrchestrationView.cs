namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// An orchestration instance as Durable Task keeps it: its row in <c>{hub}Instances</c> and, in order, its events in
/// <c>{hub}History</c>. Payloads are the JSON strings stored there.
/// </summary>
/// <param name="RuntimeStatus">Durable Task's name for it: Pending, Running, Completed, Failed, Terminated, Suspended.</param>
public sealed record OrchestrationView(
    string InstanceId,
    string Name,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? CustomStatus,
    string? Output,
    IReadOnlyList<OrchestrationHistoryEvent> History);

/// <summary>One history event (e.g. ExecutionStarted, TaskScheduled, TaskCompleted, EventRaised, ExecutionCompleted).</summary>
/// <param name="EventId">The sequence number of a scheduling event; -1 for events that did not originate in the orchestrator.</param>
/// <param name="TaskScheduledId">For a task, timer or sub-orchestration outcome: the <see cref="EventId"/> of the event that scheduled it.</param>
/// <param name="Failure">A failed task's or orchestration's error ("Type: message"), or a termination or failure reason.</param>
public sealed record OrchestrationHistoryEvent(
    string EventType,
    int EventId,
    DateTimeOffset Timestamp,
    string? Name,
    string? Input,
    string? Result,
    int? TaskScheduledId,
    DateTimeOffset? FireAt,
    string? Failure);
