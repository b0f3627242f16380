using System.Text.Json;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>The steps the handlers share.</summary>
public static partial class ExecutionOrchestrator
{
    /// <summary>Whether the current attempt is dispatched or running, i.e. a runner may still report on it.</summary>
    private static bool IsOpen(ExecutionState state) => state.Phase is ExecutionPhase.Queued or ExecutionPhase.Running;

    /// <summary>
    /// The current attempt runs: <c>in-progress</c>. Its timeout is the runner's to enforce (the work item carries
    /// it, counted from the call's start): a durable timer per running attempt would park one control-queue
    /// message per execution for up to an hour, and a runner that dies shows as its lease expiring instead.
    /// </summary>
    private static void Begin(Transition t)
    {
        t.State = t.State with { Status = ExecutionStatus.InProgress, Phase = ExecutionPhase.Running, StartedAt = t.At };
        t.Record(ExecutionStatus.InProgress, ExecutionMessages.Started(t.State));
    }

    /// <summary>
    /// The current attempt failed (or timed out). A requested termination ends the cycle <c>terminated</c>. With
    /// attempts left, two entries: <c>failed</c> with the error (the attempt's honest outcome) then
    /// <c>created</c> "retrying in N s (attempt k of n)", so the execution's status never reads <c>failed</c>
    /// while a retry is pending. Otherwise the cycle ends <c>failed</c>.
    /// </summary>
    private static void FailAttempt(Transition t, ErrorInfo error, string outcome)
    {
        var state = t.State;
        if (state.ToTerminate)
        {
            Finish(t, ExecutionStatus.Terminated, ExecutionMessages.Terminated(state.Termination), error, output: null);
            return;
        }

        var summary = ExecutionMessages.AttemptEnded(state, outcome);
        if (state.Attempts >= state.MaxAttempts)
        {
            Finish(t, ExecutionStatus.Failed, summary, error, output: null);
            return;
        }

        EndAttempt(t);
        CancelTimer(t);
        t.Record(ExecutionStatus.Failed, summary, error);
        var delay = state.Policy.RetryDelay(state.Attempts);
        t.State = t.State with
        {
            Status = ExecutionStatus.Created,
            Phase = ExecutionPhase.RetryPending,
            StartedAt = null,
            PercentComplete = null,
            Error = error,
        };
        t.Record(ExecutionStatus.Created, ExecutionMessages.Retrying(t.State, delay));
        SetTimer(t, TimerKind.Retry, delay);
    }

    /// <summary>Ends the cycle: the final entry, then <see cref="NotifyFinished"/>. The state's error becomes the
    /// final entry's (none for a success), not a leftover of an earlier attempt.</summary>
    private static void Finish(Transition t, ExecutionStatus status, string? message, ErrorInfo? error, JsonElement? output, string? outputBlob = null)
    {
        EndAttempt(t);
        CancelTimer(t);
        t.State = t.State with
        {
            Status = status,
            Phase = ExecutionPhase.Finished,
            FinishedAt = t.At,
            Output = output,
            OutputBlob = outputBlob,
            Error = error,
        };
        t.Record(status, message, error, output);
        t.Command(new NotifyFinished(status));
    }

    /// <summary>Adds a running attempt's time to the cycle's duration.</summary>
    private static void EndAttempt(Transition t)
    {
        if (t.State is { Phase: ExecutionPhase.Running, StartedAt: { } startedAt })
        {
            t.State = t.State with { Duration = t.State.Duration + (t.At - startedAt).TotalSeconds };
        }
    }

    /// <summary>Makes a new timer the pending one (an execution waits on at most one).</summary>
    private static void SetTimer(Transition t, TimerKind kind, TimeSpan delay)
    {
        CancelTimer(t);
        var timer = new PendingTimer(kind, t.State.Attempt, t.At + delay, t.State.TimerSequence + 1);
        t.State = t.State with { Timer = timer, TimerSequence = timer.Sequence };
        t.Command(new ScheduleTimer(timer.Kind, timer.Attempt, timer.DueAt, timer.Sequence));
    }

    private static void CancelTimer(Transition t)
    {
        if (t.State.Timer is { } timer)
        {
            t.Command(new CancelTimer(timer.Kind, timer.Attempt, timer.Sequence));
            t.State = t.State with { Timer = null };
        }
    }
}
