using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Work;

/// <summary>Timeouts, terminate requests and the single final event per run.</summary>
internal sealed partial class ExecutionTracker
{
    private void OnTimeout(ExecutionRun run)
    {
        lock (run.Sync)
        {
            if (run.Finished)
            {
                return;
            }

            LogTimedOut(logger, run.ExecutionId, run.Attempt, run.Timeout.TotalSeconds);
            Finish(run);
            outbox.Enqueue(run, EventFactory.TimedOut(run, timeProvider.GetUtcNow()));
            Terminate(run);
        }
    }

    private void OnTerminateGraceExpired(ExecutionRun run)
    {
        lock (run.Sync)
        {
            if (!run.Finished)
            {
                Finish(run);
                outbox.Enqueue(run, EventFactory.TerminateGraceExpired(run, timings.TerminateGrace, timeProvider.GetUtcNow()));
            }
        }
    }

    private static void Finish(ExecutionRun run)
    {
        run.Finished = true;
        run.Timer?.Dispose();
        run.Timer = null;
    }

    private void Terminate(ExecutionRun run)
    {
        if (!run.WorkerBusy || run.TerminateSent)
        {
            return;
        }

        run.TerminateSent = true;
        _ = SendTerminateAsync(run.Key);
    }

    private async Task SendTerminateAsync(RunKey call)
    {
        try
        {
            await worker.TerminateAsync(call);
        }
        catch (WorkerUnavailableException ex)
        {
            LogTerminateFailed(logger, call.ExecutionId, ex.Message);
        }
    }
}
