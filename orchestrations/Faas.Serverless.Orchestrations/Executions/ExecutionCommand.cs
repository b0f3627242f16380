using System.Text.Json.Serialization;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// A side effect the engine performs for a decision, before committing the state. Each one is safe to perform
/// twice (the engine may crash between sending and committing), and a lost <see cref="CancelTimer"/> is harmless
/// because a stale timer is dropped when it fires.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DispatchAttempt), "dispatch")]
[JsonDerivedType(typeof(ScheduleTimer), "schedule-timer")]
[JsonDerivedType(typeof(CancelTimer), "cancel-timer")]
[JsonDerivedType(typeof(SignalTermination), "signal-termination")]
[JsonDerivedType(typeof(NotifyFinished), "notify-finished")]
public abstract record ExecutionCommand
{
    private protected ExecutionCommand()
    {
    }
}

/// <summary>Put a work item for <paramref name="Attempt"/> on the service's work queue.</summary>
public sealed record DispatchAttempt(int Attempt) : ExecutionCommand;

/// <summary>Deliver <see cref="ToEvent"/> to the execution at <paramref name="DueAt"/> (or later).</summary>
public sealed record ScheduleTimer(TimerKind Kind, int Attempt, DateTimeOffset DueAt, int Sequence) : ExecutionCommand
{
    /// <summary>The event to deliver, with an event id that is the same every time it is built.</summary>
    public TimerElapsed ToEvent() => new($"timer-{Sequence}", Kind, Attempt, DueAt, Sequence);
}

/// <summary>The timer numbered <paramref name="Sequence"/> is no longer wanted; deleting it is optional.</summary>
public sealed record CancelTimer(TimerKind Kind, int Attempt, int Sequence) : ExecutionCommand;

/// <summary>Tell whichever runner holds <paramref name="Attempt"/> to interrupt the call (lease renewal answers
/// <c>terminate: true</c>), and hand its work item to no one else.</summary>
public sealed record SignalTermination(int Attempt) : ExecutionCommand;

/// <summary>The cycle reached a final status: wake the waiters (synchronous execute, long polls).</summary>
public sealed record NotifyFinished(ExecutionStatus Status) : ExecutionCommand;
