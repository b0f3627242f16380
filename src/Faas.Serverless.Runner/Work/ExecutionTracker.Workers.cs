using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Work;

/// <summary>Calls that end without a message of their worker: never delivered, or lost with their worker process.</summary>
internal sealed partial class ExecutionTracker
{
    /// <summary>The worker died before it got the call, so nothing ran: the item goes back to the host (<c>released</c>).</summary>
    public void ReleaseNotInvoked(ExecutionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (run.Sync)
        {
            run.WorkerBusy = false;
            if (!run.Finished)
            {
                Finish(run);
                outbox.Enqueue(run, EventFactory.Released(run, timeProvider.GetUtcNow()));
            }

            RemoveIfIdle(run);
        }
    }

    /// <summary>
    /// The call's worker process is gone without a result: killed after a terminate request (<c>ExecutionTerminated</c>),
    /// killed for a protocol violation, or crashed (<c>WorkerCrashed</c>, retried by the host like any failure). A run that
    /// already ended (timed out, released, lost) only frees its slot.
    /// </summary>
    public void OnCallLost(RunKey call, CallLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ExecutionRun? run;
        lock (_sync)
        {
            run = _runs.GetValueOrDefault(call);
        }

        if (run is null)
        {
            return;
        }

        lock (run.Sync)
        {
            run.WorkerBusy = false;
            if (!run.Finished)
            {
                var now = timeProvider.GetUtcNow();
                var failed = loss.ProtocolViolation is { } reason ? EventFactory.ProtocolViolation(run, reason, now)
                    : loss.KilledByAgent && run.TerminateSent ? EventFactory.TerminatedByKill(run, timings.WorkerKillGrace, now)
                    : EventFactory.WorkerCrashed(run, loss.Exit, now);
                LogCallLost(logger, run.ExecutionId, run.Attempt, failed.Error!.Type, failed.Error.Message);
                Finish(run);
                outbox.Enqueue(run, failed);
            }

            RemoveIfIdle(run);
        }
    }
}
