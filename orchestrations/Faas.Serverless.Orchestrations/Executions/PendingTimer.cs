namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// The one durable timer an execution waits on. <paramref name="Sequence"/> numbers the execution's timers
/// (1, 2, ...), so a timer that was cancelled but still fires, even one with the same kind, attempt and due
/// time as its replacement, never matches the pending one.
/// </summary>
public sealed record PendingTimer(TimerKind Kind, int Attempt, DateTimeOffset DueAt, int Sequence);
