namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// The execution orchestration as a pure function: <c>(state, event, now) → (state, status entries, commands)</c>.
/// No clock, no randomness, no I/O: the same input always gives the same decision, which is what lets the
/// engine replay an event after a crash or an ETag conflict.
/// </summary>
/// <remarks>
/// Drops, checked in this order: no state (<see cref="DropReasons.UnknownExecution"/>), a remembered event id,
/// a second creation, anything but a rerun after the final status, an attempt other than the current one; then
/// each handler drops what does not fit the attempt's phase. A dropped decision returns the same state instance.
/// </remarks>
public static partial class ExecutionOrchestrator
{
    /// <summary>How many accepted event ids the state remembers to recognise redeliveries.</summary>
    public const int RememberedEventIds = 100;

    /// <param name="state">The stored state; null before <see cref="ExecutionCreated"/>.</param>
    /// <param name="evt">The event.</param>
    /// <param name="now">The engine's clock. Timestamps never go back: an earlier <paramref name="now"/> than the
    /// state's <see cref="ExecutionState.UpdatedAt"/> (another host's clock) counts as that instant.</param>
    /// <exception cref="ArgumentNullException"><paramref name="evt"/> is null.</exception>
    public static Decision Apply(ExecutionState? state, ExecutionEvent evt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (state is null)
        {
            return evt is ExecutionCreated created ? Create(created, now) : Decision.Drop(null, DropReasons.UnknownExecution);
        }

        var dropped = Screen(state, evt);
        if (dropped is not null)
        {
            return Decision.Drop(state, dropped);
        }

        // Each handler returns null when it accepts the event, or a drop reason before touching the transition.
        var transition = new Transition(state, now < state.UpdatedAt ? state.UpdatedAt : now);
        dropped = evt switch
        {
            RunnerStarted => Start(transition),
            ProgressReported progress => Progress(transition, progress),
            AttemptSucceeded succeeded => Succeed(transition, succeeded),
            AttemptFailed failed => Fail(transition, failed),
            AttemptReleased => Release(transition),
            AttemptAbandoned abandoned => Abandon(transition, abandoned),
            TimerElapsed timer => Elapse(transition, timer),
            TerminateRequested terminate => Terminate(transition, terminate),
            RerunRequested rerun => Rerun(transition, rerun),
            ExecutionAborted aborted => Abort(transition, aborted),
            _ => throw new ArgumentException($"Unsupported event type {evt.GetType().Name}.", nameof(evt)),
        };
        return dropped is null ? transition.Complete(evt.EventId) : Decision.Drop(state, dropped);
    }

    private static string? Screen(ExecutionState state, ExecutionEvent evt)
    {
        if (state.RecentEventIds.Contains(evt.EventId, StringComparer.Ordinal))
        {
            return DropReasons.DuplicateEvent;
        }

        if (evt is ExecutionCreated)
        {
            return DropReasons.AlreadyCreated;
        }

        if (state.IsFinal && evt is not RerunRequested)
        {
            return DropReasons.AlreadyFinal;
        }

        return evt is AttemptEvent { Attempt: var attempt } && attempt != state.Attempt
            ? attempt < state.Attempt ? DropReasons.StaleAttempt : DropReasons.UnknownAttempt
            : null;
    }

    private static Decision Create(ExecutionCreated created, DateTimeOffset now)
    {
        var state = new ExecutionState(
            created.ExecutionId,
            ExecutionStatus.Created,
            ExecutionPhase.Queued,
            Attempt: 1,
            Attempts: 1,
            Cycle: 0,
            created.Policy,
            Termination: null,
            PercentComplete: null,
            LastMessage: null,
            Output: null,
            Error: null,
            CreatedAt: now,
            UpdatedAt: now,
            StartedAt: null,
            FinishedAt: null,
            Duration: 0,
            Timer: null,
            TimerSequence: 0,
            HistoryCount: 0,
            RecentEventIds: []);
        var transition = new Transition(state, now);
        transition.Record(ExecutionStatus.Created, message: null);
        transition.Command(new DispatchAttempt(state.Attempt));
        return transition.Complete(created.EventId);
    }
}
