namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Creates the state (from none): status <c>created</c>, attempt 1 dispatched.</summary>
public sealed record ExecutionCreated(string EventId, string ExecutionId, ExecutionPolicy Policy) : ExecutionEvent(EventId);

/// <summary>
/// A timer scheduled by <see cref="ScheduleTimer"/> fired. Accepted only if it is the state's pending timer
/// (same kind, attempt, due time and sequence); a cancelled or superseded timer is dropped.
/// </summary>
public sealed record TimerElapsed(string EventId, TimerKind Kind, int Attempt, DateTimeOffset DueAt, int Sequence)
    : AttemptEvent(EventId, Attempt);

/// <summary>
/// A user asks to stop the execution. Queued or waiting for a retry: <c>terminated</c> at once. Running: the
/// runner is told to interrupt the call and the execution ends <c>terminated</c> when it reports back, or when
/// the termination grace runs out.
/// </summary>
public sealed record TerminateRequested(string EventId, string? RequestedBy, string? Reason) : ExecutionEvent(EventId);

/// <summary>Runs a finished execution again: a new cycle with the same id, the history kept.</summary>
public sealed record RerunRequested(string EventId, string? RequestedBy) : ExecutionEvent(EventId);

/// <summary>The platform cancels an unfinished execution (for example, its service was deleted): <c>aborted</c>.</summary>
public sealed record ExecutionAborted(string EventId, string Reason) : ExecutionEvent(EventId);
