using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// One ordered queue of execution events for the whole replica, so the events of each execution reach the host in
/// the order they happened. <c>started</c>/<c>log</c>/<c>progress</c> events wait up to <see cref="AgentTimings.LogBatchDelay"/>
/// to be batched; any other event flushes the queue at once. A POST that fails for a transient reason (5xx, timeout, no
/// connection) is retried with the same event ids (the host is idempotent by eventId), with backoff capped at 5 s and
/// for as long as it takes, and nothing behind it overtakes it; events the host has not applied yet go back to the
/// front of the queue. Events the host refuses are dropped one by one, never
/// the batch around them: a refused result becomes a <c>failed</c> event, so the call still ends. A batch holds at
/// most <see cref="AgentTimings.MaxBytesPerPost"/>; a larger event (a big output) is posted on its own. Finished
/// results are spooled (<see cref="ResultSpool"/>) until the host acknowledged them, and the spool an earlier agent of
/// this replica left is reported first. Lease ids are stamped at send time, under the lease gate that renewals also
/// take, so an event always carries the lease id the host issued last.
/// </summary>
internal sealed partial class EventOutbox(
    Func<IReadOnlyList<RunnerEvent>, CancellationToken, Task<IReadOnlyList<EventRejection>>> post,
    ResultSpool spool,
    SemaphoreSlim leaseGate,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    public const string OutputTooLargeErrorType = "OutputTooLarge";
    public const string ResultRejectedErrorType = "ResultRejected";

    private static readonly RetryPolicy Backoff = new(0, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
    private static readonly TimeSpan NotAppliedPause = TimeSpan.FromMilliseconds(200);

    private readonly object _sync = new();
    private readonly List<PendingEvent> _pending = [];
    private readonly AsyncSignal _signal = new();
    private int _urgent;
    private int _inFlight;
    private long _dropped;

    /// <summary>Called after the host accepted a run's final event (or rejected it for good): its lease is over.</summary>
    public Action<ExecutionRun>? FinalEventDelivered { get; set; }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _pending.Count + _inFlight;
            }
        }
    }

    public void Enqueue(ExecutionRun run, RunnerEvent runnerEvent)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(runnerEvent);
        var batchable = EventTypes.IsBatchable(runnerEvent.Type);
        var size = IsResult(runnerEvent) ? spool.Save(runnerEvent with { LeaseId = run.LeaseId }) ?? Estimate(runnerEvent) : Estimate(runnerEvent);
        lock (_sync)
        {
            if (EventTypes.IsDroppable(runnerEvent.Type) && _pending.Count >= timings.MaxPendingEvents)
            {
                if (++_dropped % 1000 == 1)
                {
                    LogDropping(logger, _dropped, timings.MaxPendingEvents);
                }

                return;
            }

            _pending.Add(new PendingEvent(run, runnerEvent, timeProvider.GetUtcNow(), size));
            if (!batchable)
            {
                _urgent++;
            }
        }

        _signal.Set();
    }

    /// <summary>Drops the run's events that are not yet being sent (its lease was lost).</summary>
    public void Purge(ExecutionRun run)
    {
        lock (_sync)
        {
            foreach (var purged in _pending.Where(p => p.Run == run))
            {
                _urgent -= EventTypes.IsBatchable(purged.Event.Type) ? 0 : 1;
                spool.Delete(purged.Event.EventId);
            }

            _pending.RemoveAll(p => p.Run == run);
        }
    }

    /// <summary>Waits until every queued event was sent; false on timeout.</summary>
    public async Task<bool> WaitUntilEmptyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = timeProvider.GetUtcNow() + timeout;
        while (Count > 0)
        {
            if (timeProvider.GetUtcNow() >= deadline)
            {
                return false;
            }

            _signal.Set();
            await Task.Delay(TimeSpan.FromMilliseconds(20), timeProvider, cancellationToken);
        }

        return true;
    }

    /// <exception cref="HostRefusedException">The host refused the bot or the service (fatal).</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        RestoreSpooled();
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await NextBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await DeliverAsync(batch, cancellationToken);
            }
            finally
            {
                lock (_sync)
                {
                    _inFlight = 0;
                }
            }
        }
    }

    /// <summary>Results an earlier agent of this replica finished but could not report go first (their lease ids are the last it knew).</summary>
    private void RestoreSpooled()
    {
        var spooled = spool.Load();
        lock (_sync)
        {
            // Runs of this agent may already have queued (and spooled) results.
            var queued = _pending.Select(p => p.Event.EventId).ToHashSet(StringComparer.Ordinal);
            var restored = spooled.Where(r => !queued.Contains(r.Event.EventId)).Select(r => new PendingEvent(null, r.Event, timeProvider.GetUtcNow(), r.Size)).ToList();
            if (restored.Count == 0)
            {
                return;
            }

            LogRestored(logger, restored.Count, spool.Directory);
            _pending.InsertRange(0, restored);
            _urgent += restored.Count;
        }
    }

    private async Task<List<PendingEvent>> NextBatchAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            DateTimeOffset due;
            lock (_sync)
            {
                if (_pending.Count == 0)
                {
                    due = DateTimeOffset.MaxValue;
                }
                else if (_urgent > 0 || _pending.Count >= timings.MaxEventsPerPost)
                {
                    return TakeBatch();
                }
                else
                {
                    due = _pending[0].EnqueuedAt + timings.LogBatchDelay;
                }
            }

            var now = timeProvider.GetUtcNow();
            if (due != DateTimeOffset.MaxValue && now >= due)
            {
                lock (_sync)
                {
                    return TakeBatch();
                }
            }

            var wait = due == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : due - now;
            await _signal.WaitAsync(wait, cancellationToken);
        }
    }

    private List<PendingEvent> TakeBatch()
    {
        var count = 0;
        var bytes = 0L;
        while (count < _pending.Count && count < timings.MaxEventsPerPost && (count == 0 || bytes + _pending[count].Size <= timings.MaxBytesPerPost))
        {
            bytes += _pending[count].Size;
            count++;
        }

        var batch = _pending.GetRange(0, count);
        _pending.RemoveRange(0, count);
        _urgent -= batch.Count(p => !EventTypes.IsBatchable(p.Event.Type));
        _inFlight = batch.Count;
        return batch;
    }

    /// <param name="Run">Null for an event restored from the spool of an earlier agent.</param>
    /// <param name="Replacement">A <c>failed</c> event standing in for a refused result.</param>
    private readonly record struct PendingEvent(ExecutionRun? Run, RunnerEvent Event, DateTimeOffset EnqueuedAt, long Size, bool Replacement = false);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "{Dropped} log events dropped so far: more than {Max} events are waiting to be sent")]
    private static partial void LogDropping(ILogger logger, long dropped, int max);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Reporting {Count} results an earlier agent of this replica left in {Directory}")]
    private static partial void LogRestored(ILogger logger, int count, string directory);
}
