namespace Faas.Serverless.Api.Triggers;

/// <summary>What one matching trigger did with one event.</summary>
public enum TriggerOutcome
{
    /// <summary>An execution was started.</summary>
    Started,

    /// <summary>A redelivery of an event that already started its execution (same event id).</summary>
    AlreadyStarted,

    /// <summary>A Once trigger that already fired for this resource.</summary>
    AlreadyFiredOnce,

    /// <summary>The service is paused, being deleted or failed (Error); the event is skipped, not kept for later.</summary>
    ServiceInactive,

    /// <summary>Dropped by loop protection: caused by the service's own bot beyond the maximum chain depth.</summary>
    LoopDropped,

    /// <summary>The execution could not be started (the service no longer fits the trigger, the input is too large); <c>detail</c> says why.</summary>
    Failed,
}

public sealed record TriggerResult(string TriggerId, TriggerOutcome Outcome, string? ExecutionId, string? Detail);

/// <summary>One event of a request: how many executions it started and what each matching trigger did.</summary>
public sealed record EventResult(string Id, string Type, int Fired, IReadOnlyList<TriggerResult> Triggers);

public sealed record EventsResponse(IReadOnlyList<EventResult> Events);
