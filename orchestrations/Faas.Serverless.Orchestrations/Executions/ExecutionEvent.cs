using System.Text.Json.Serialization;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// An input of the orchestration. The hierarchy is closed: only this assembly derives from it.
/// <see cref="EventId"/> must be unique per event and identical on redelivery (the runner's uuid; timers use
/// <see cref="ScheduleTimer.ToEvent"/>), so that a duplicate is dropped.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionCreated), "created")]
[JsonDerivedType(typeof(RunnerStarted), "started")]
[JsonDerivedType(typeof(ProgressReported), "progress")]
[JsonDerivedType(typeof(AttemptSucceeded), "succeeded")]
[JsonDerivedType(typeof(AttemptFailed), "failed")]
[JsonDerivedType(typeof(AttemptReleased), "released")]
[JsonDerivedType(typeof(AttemptAbandoned), "abandoned")]
[JsonDerivedType(typeof(TimerElapsed), "timer")]
[JsonDerivedType(typeof(TerminateRequested), "terminate")]
[JsonDerivedType(typeof(RerunRequested), "rerun")]
[JsonDerivedType(typeof(ExecutionAborted), "aborted")]
public abstract record ExecutionEvent
{
    private protected ExecutionEvent(string eventId) => EventId = eventId;

    public string EventId { get; }
}

/// <summary>An event about one attempt; dropped unless <see cref="Attempt"/> is the state's current attempt.</summary>
public abstract record AttemptEvent : ExecutionEvent
{
    private protected AttemptEvent(string eventId, int attempt)
        : base(eventId) => Attempt = attempt;

    public int Attempt { get; }
}
