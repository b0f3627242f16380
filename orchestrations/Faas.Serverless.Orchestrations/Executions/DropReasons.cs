namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Why an event was dropped: stable, low-cardinality codes for logs and metrics.</summary>
public static class DropReasons
{
    /// <summary>No state exists and the event is not <see cref="ExecutionCreated"/>.</summary>
    public const string UnknownExecution = "unknown-execution";

    /// <summary>An <see cref="ExecutionCreated"/> for an execution that exists.</summary>
    public const string AlreadyCreated = "already-created";

    /// <summary>The event id was accepted before (a redelivery).</summary>
    public const string DuplicateEvent = "duplicate-event";

    /// <summary>The execution is final; only a rerun is accepted.</summary>
    public const string AlreadyFinal = "already-final";

    /// <summary>The event is about an earlier attempt (a retry, a rerun or a timeout superseded it).</summary>
    public const string StaleAttempt = "stale-attempt";

    /// <summary>The event is about an attempt that was never dispatched.</summary>
    public const string UnknownAttempt = "unknown-attempt";

    /// <summary>The current attempt already failed or timed out and waits for its retry.</summary>
    public const string AttemptEnded = "attempt-ended";

    /// <summary>A repeated start of a running attempt.</summary>
    public const string AlreadyStarted = "already-started";

    /// <summary>A progress update with nothing to record (no message, percent moved less than 5).</summary>
    public const string NoChange = "no-change";

    /// <summary>A timer that is not the pending one (cancelled or superseded).</summary>
    public const string StaleTimer = "stale-timer";

    /// <summary>A termination was already requested for the running attempt.</summary>
    public const string AlreadyTerminating = "already-terminating";

    /// <summary>A rerun of an execution that has not finished.</summary>
    public const string NotFinal = "not-final";
}
