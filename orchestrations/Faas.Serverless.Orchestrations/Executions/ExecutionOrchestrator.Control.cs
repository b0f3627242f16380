namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>Handlers of timers and of requests from users and the platform.</summary>
public static partial class ExecutionOrchestrator
{
    private static string? Elapse(Transition t, TimerElapsed elapsed)
    {
        if (t.State.Timer != new PendingTimer(elapsed.Kind, elapsed.Attempt, elapsed.DueAt, elapsed.Sequence))
        {
            return DropReasons.StaleTimer;
        }

        // It fired, so there is nothing left to cancel.
        t.State = t.State with { Timer = null };
        switch (elapsed.Kind)
        {
            case TimerKind.Retry:
                var next = t.State.Attempt + 1;
                t.State = t.State with { Attempt = next, Attempts = t.State.Attempts + 1, Phase = ExecutionPhase.Queued };
                t.Command(new DispatchAttempt(next));
                break;
            case TimerKind.TerminationGrace:
                t.Command(new SignalTermination(t.State.Attempt));
                Finish(t, ExecutionStatus.Terminated, ExecutionMessages.TerminationUnconfirmed(t.State), error: null, output: null);
                break;
        }

        return null;
    }

    private static string? Terminate(Transition t, TerminateRequested terminate)
    {
        if (t.State.ToTerminate)
        {
            return DropReasons.AlreadyTerminating;
        }

        var phase = t.State.Phase;
        var request = new TerminationRequest(terminate.RequestedBy, terminate.Reason, t.At);
        t.State = t.State with { Termination = request };
        if (phase == ExecutionPhase.Running)
        {
            t.Record(ExecutionStatus.InProgress, ExecutionMessages.TerminationRequested(request));
            t.Command(new SignalTermination(t.State.Attempt));
            SetTimer(t, TimerKind.TerminationGrace, TimeSpan.FromSeconds(t.State.Policy.TerminationGraceSeconds));
            return null;
        }

        // A queued item may already sit in a runner that has not reported its start yet.
        if (phase == ExecutionPhase.Queued)
        {
            t.Command(new SignalTermination(t.State.Attempt));
        }

        Finish(t, ExecutionStatus.Terminated, ExecutionMessages.Terminated(request), error: null, output: null);
        return null;
    }

    private static string? Rerun(Transition t, RerunRequested rerun)
    {
        if (!t.State.IsFinal)
        {
            return DropReasons.NotFinal;
        }

        t.State = t.State with
        {
            Status = ExecutionStatus.Created,
            Phase = ExecutionPhase.Queued,
            Attempt = t.State.Attempt + 1,
            Attempts = 1,
            Cycle = t.State.Cycle + 1,
            Termination = null,
            PercentComplete = null,
            Output = null,
            OutputBlob = null,
            Error = null,
            StartedAt = null,
            FinishedAt = null,
            Duration = 0,
        };
        t.Record(ExecutionStatus.Created, ExecutionMessages.Rerun(rerun.RequestedBy));
        t.Command(new DispatchAttempt(t.State.Attempt));
        return null;
    }

    private static string? Abort(Transition t, ExecutionAborted aborted)
    {
        if (IsOpen(t.State))
        {
            t.Command(new SignalTermination(t.State.Attempt));
        }

        Finish(t, ExecutionStatus.Aborted, ExecutionMessages.Aborted(aborted.Reason), error: null, output: null);
        return null;
    }
}
