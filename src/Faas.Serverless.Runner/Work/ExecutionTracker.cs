using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Worker;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// The runs this replica holds, keyed by (execution id, attempt). Turns worker messages, timeouts, renew answers
/// and draining into events, guaranteeing exactly one final event per run and nothing after it.
/// Lock order: a run's <see cref="ExecutionRun.Sync"/> may be held while taking the tracker's lock, never the reverse.
/// </summary>
internal sealed partial class ExecutionTracker(
    EventOutbox outbox,
    IWorkerChannel worker,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger) : ICallSink
{
    private readonly object _sync = new();
    private readonly Dictionary<RunKey, ExecutionRun> _runs = [];

    /// <summary>Set whenever a slot frees up (a run ends here, or a worker becomes idle).</summary>
    public AsyncSignal SlotFreed { get; } = new();

    /// <summary>Set whenever a run starts here, so the terminate watch covers it.</summary>
    public AsyncSignal RunStarted { get; } = new();

    /// <summary>Runs that hold a slot (worker busy or lease held).</summary>
    public int InFlight
    {
        get
        {
            lock (_sync)
            {
                return _runs.Count;
            }
        }
    }

    public IReadOnlyList<ExecutionRun> Snapshot()
    {
        lock (_sync)
        {
            return [.. _runs.Values];
        }
    }

    /// <summary>Registers a leased item, queues its <c>started</c> event and arms its timeout.</summary>
    public ExecutionRun Start(WorkItem item, TimeSpan timeout, TimeSpan leaseDuration)
    {
        var run = Register(item, timeout, leaseDuration);
        lock (run.Sync)
        {
            outbox.Enqueue(run, EventFactory.Started(run, run.StartedAt));
            run.Timer = timeProvider.CreateTimer(_ => OnTimeout(run), null, timeout, Timeout.InfiniteTimeSpan);
        }

        RunStarted.Set();
        return run;
    }

    /// <summary>Registers an item that will not be run here and queues its <c>released</c> event at once.</summary>
    public ExecutionRun StartReleased(WorkItem item, TimeSpan timeout, TimeSpan leaseDuration)
    {
        var run = Register(item, timeout, leaseDuration);
        lock (run.Sync)
        {
            run.WorkerBusy = false;
            Finish(run);
            outbox.Enqueue(run, EventFactory.Released(run, timeProvider.GetUtcNow()));
        }

        return run;
    }

    private ExecutionRun Register(WorkItem item, TimeSpan timeout, TimeSpan leaseDuration)
    {
        var run = new ExecutionRun(item, timeout, leaseDuration, timeProvider.GetUtcNow());
        lock (_sync)
        {
            if (_runs.ContainsKey(run.Key))
            {
                LogDuplicate(logger, run.ExecutionId, run.Attempt);
            }

            _runs[run.Key] = run;
        }

        return run;
    }

    /// <summary>Routes a worker message about one execution (progress, log, result, error).</summary>
    public void OnWorkerMessage(WorkerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Id is null || Find(message.Id, message.Attempt) is not { } run)
        {
            LogUnknownExecution(logger, message.Type, message.Id ?? "(none)", message.Attempt ?? 0);
            return;
        }

        lock (run.Sync)
        {
            var isFinal = message.Type is WorkerMessageTypes.Result or WorkerMessageTypes.Error;
            if (isFinal)
            {
                run.WorkerBusy = false;
            }

            if (!run.Finished && EventFactory.FromWorker(run, message, timings.MaxLogMessageChars, timeProvider.GetUtcNow()) is { } runnerEvent)
            {
                if (isFinal)
                {
                    Finish(run);
                }

                outbox.Enqueue(run, runnerEvent);
            }

            RemoveIfIdle(run);
        }
    }

    /// <summary>The host accepted the run's final event: the lease is over.</summary>
    public void OnFinalEventDelivered(ExecutionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (run.Sync)
        {
            run.LeaseHeld = false;
            RemoveIfIdle(run);
        }
    }

    /// <summary>Applies one renew answer: new lease id, terminate request, or lost lease.</summary>
    public void ApplyRenewal(ExecutionRun run, LeaseRenewal renewal)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(renewal);
        lock (run.Sync)
        {
            if (renewal.Lost)
            {
                LogLost(logger, run.ExecutionId, run.Attempt);
                run.Lost = true;
                run.LeaseHeld = false;
                Finish(run);
                outbox.Purge(run);
                Terminate(run);
                RemoveIfIdle(run);
                return;
            }

            if (!string.IsNullOrEmpty(renewal.RenewedLeaseId))
            {
                run.LeaseId = renewal.RenewedLeaseId;
            }

            run.LastRenewedAt = timeProvider.GetUtcNow();
            if (renewal.Terminate && !run.Finished && !run.TerminateSent)
            {
                LogTerminateRequested(logger, run.ExecutionId, run.Attempt);
                Terminate(run);
                run.Timer?.Dispose();
                run.Timer = timeProvider.CreateTimer(_ => OnTerminateGraceExpired(run), null, timings.TerminateGrace, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Gives an unfinished run back to the host (draining): <c>released</c>, and the worker call is terminated.</summary>
    public void Release(ExecutionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (run.Sync)
        {
            if (run.Finished)
            {
                return;
            }

            Finish(run);
            outbox.Enqueue(run, EventFactory.Released(run, timeProvider.GetUtcNow()));
            Terminate(run);
        }
    }

    private ExecutionRun? Find(string executionId, int? attempt)
    {
        lock (_sync)
        {
            if (attempt is { } a)
            {
                return _runs.GetValueOrDefault(new RunKey(executionId, a));
            }

            return _runs.Values.FirstOrDefault(r => r.ExecutionId == executionId && r.WorkerBusy);
        }
    }

    private void RemoveIfIdle(ExecutionRun run)
    {
        if (run.HoldsSlot)
        {
            return;
        }

        lock (_sync)
        {
            if (_runs.TryGetValue(run.Key, out var current) && current == run)
            {
                _runs.Remove(run.Key);
            }
        }

        SlotFreed.Set();
    }
}
