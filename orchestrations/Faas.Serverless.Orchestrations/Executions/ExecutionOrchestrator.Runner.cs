namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Handlers of the runner's reports about the current attempt.</summary>
public static partial class ExecutionOrchestrator
{
    private static string? Start(Transition t)
    {
        if (t.State.Phase != ExecutionPhase.Queued)
        {
            return t.State.Phase == ExecutionPhase.Running ? DropReasons.AlreadyStarted : DropReasons.AttemptEnded;
        }

        Begin(t);
        return null;
    }

    private static string? Progress(Transition t, ProgressReported progress)
    {
        if (!IsOpen(t.State))
        {
            return DropReasons.AttemptEnded;
        }

        // Queue delivery does not keep order, so progress may come before "started"; either way the call runs.
        var implicitStart = t.State.Phase == ExecutionPhase.Queued;
        if (implicitStart)
        {
            Begin(t);
        }

        var percent = ProgressRule.Record(t.State.PercentComplete, progress.PercentComplete);
        var message = ExecutionMessages.Progress(progress.Status, progress.Message);
        if (percent is null && message is null)
        {
            return implicitStart ? null : DropReasons.NoChange;
        }

        t.State = t.State with { PercentComplete = percent ?? t.State.PercentComplete };
        t.Record(ExecutionStatus.InProgress, message);
        return null;
    }

    private static string? Succeed(Transition t, AttemptSucceeded succeeded)
    {
        if (!IsOpen(t.State))
        {
            return DropReasons.AttemptEnded;
        }

        var message = t.State.ToTerminate ? ExecutionMessages.FinishedBeforeTermination : null;
        t.State = t.State with { PercentComplete = 100 };

        // The engine may dispose the JsonDocument the output came from once Apply returns.
        Finish(t, ExecutionStatus.Success, message, error: null, succeeded.Output?.Clone(), succeeded.OutputBlob);
        return null;
    }

    private static string? Fail(Transition t, AttemptFailed failed)
    {
        if (!IsOpen(t.State))
        {
            return DropReasons.AttemptEnded;
        }

        FailAttempt(t, failed.Error, failed.Terminated ? "was interrupted" : "failed");
        return null;
    }

    private static string? Release(Transition t)
    {
        if (!IsOpen(t.State))
        {
            return DropReasons.AttemptEnded;
        }

        if (t.State.ToTerminate)
        {
            Finish(t, ExecutionStatus.Terminated, ExecutionMessages.Terminated(t.State.Termination), error: null, output: null);
            return null;
        }

        EndAttempt(t);
        CancelTimer(t);
        t.State = t.State with
        {
            Status = ExecutionStatus.Created,
            Phase = ExecutionPhase.Queued,
            StartedAt = null,
            PercentComplete = null,
        };
        t.Record(ExecutionStatus.Created, ExecutionMessages.Requeued(t.State));
        t.Command(new DispatchAttempt(t.State.Attempt));
        return null;
    }

    private static string? Abandon(Transition t, AttemptAbandoned abandoned)
    {
        if (!IsOpen(t.State))
        {
            return DropReasons.AttemptEnded;
        }

        t.Command(new SignalTermination(t.State.Attempt));
        Finish(t, ExecutionStatus.SystemFailure, ExecutionMessages.Abandoned(t.State), abandoned.Error, output: null);
        return null;
    }
}
