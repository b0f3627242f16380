using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Secrets;
using Nito.AsyncEx;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// One queue of execution events for the whole replica, so the events of each execution reach the host in the order
/// they happened. <c>started</c>/<c>log</c>/<c>progress</c> events wait up to <see cref="AgentTimings.LogBatchDelay"/>
/// to be batched; any other event flushes the queue at once. Up to <see cref="AgentTimings.MaxPostsInFlight"/> posts
/// go out side by side, each with the events of executions no other post in flight carries: the host answers a post
/// only once it applied its events, so one slow execution holds back its own events, never the others'. A POST that
/// fails for a transient reason (5xx, timeout, no connection) is retried with the same event ids (the host is
/// idempotent by eventId), with backoff capped at 5 s and for as long as it takes, and no later event of its
/// executions overtakes it; events the host has not applied yet go back to the front of the queue. Events the host
/// refuses are dropped one by one, never the batch around them: a refused result becomes a <c>failed</c> event, so the
/// call still ends. A batch holds at most <see cref="AgentTimings.MaxBytesPerPost"/>; a larger event (a big output) is
/// posted on its own. Finished results are spooled (<see cref="ResultSpool"/>) until the host acknowledged them, and
/// the spool an earlier agent of this replica left is reported first. Lease ids are stamped at send time, under the
/// lease gate's read lock (renewals take its write lock), so an event always carries the lease id the host issued last.
/// </summary>
internal sealed partial class EventOutbox(
    Func<IReadOnlyList<RunnerEvent>, CancellationToken, Task<IReadOnlyList<EventRejection>>> post,
    ResultSpool spool,
    AsyncReaderWriterLock leaseGate,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger,
    SecretMasker? masker = null)
{
    public const string OutputTooLargeErrorType = "OutputTooLarge";
    public const string ResultRejectedErrorType = "ResultRejected";

    private static readonly RetryPolicy Backoff = new(0, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));
    private static readonly TimeSpan NotAppliedPause = TimeSpan.FromMilliseconds(200);

    private readonly object _sync = new();
    private readonly List<PendingEvent> _pending = [];
    private readonly AsyncSignal _signal = new();
    private readonly HashSet<string> _busyExecutions = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _postsInFlight;
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

        // Before the spool too: nothing user code printed leaves the agent with a secret in it, not even on disk.
        runnerEvent = masker?.Apply(runnerEvent) ?? runnerEvent;
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
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deliveries = new List<Task>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = await NextBatchAsync(stop.Token);
                deliveries.RemoveAll(d => d.IsCompletedSuccessfully);
                if (deliveries.FirstOrDefault(d => d.IsFaulted) is { } failed)
                {
                    await failed;
                }

                if (batch.Count > 0)
                {
                    deliveries.Add(DeliverInTurnAsync(batch, stop.Token));
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(deliveries).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Delivers one batch, then frees its executions for the next post and wakes the loop (also to see a failure).</summary>
    private async Task DeliverInTurnAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(batch, cancellationToken);
        }
        finally
        {
            lock (_sync)
            {
                _inFlight -= batch.Count;
                _postsInFlight--;
                foreach (var item in batch)
                {
                    _busyExecutions.Remove(item.Event.ExecutionId);
                }
            }

            _signal.Set();
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
        }
    }

    /// <summary>
    /// The next batch once one is due: at once when it holds an event other than <c>started</c>/<c>log</c>/<c>progress</c>
    /// or is full, else when its first event has waited <see cref="AgentTimings.LogBatchDelay"/>. Empty when the loop
    /// must look again (a delivery ended).
    /// </summary>
    private async Task<List<PendingEvent>> NextBatchAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset due;
        lock (_sync)
        {
            var (count, urgent, first) = Sendable();
            if (count == 0)
            {
                due = DateTimeOffset.MaxValue;
            }
            else if (urgent || count >= timings.MaxEventsPerPost || timeProvider.GetUtcNow() >= first + timings.LogBatchDelay)
            {
                return TakeBatch();
            }
            else
            {
                due = first + timings.LogBatchDelay;
            }
        }

        var wait = due == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : due - timeProvider.GetUtcNow();
        await _signal.WaitAsync(wait < TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan ? TimeSpan.Zero : wait, cancellationToken);
        return [];
    }

    /// <summary>What a new post could carry now: none while all posts are out, else the events of executions no post carries.</summary>
    private (int Count, bool Urgent, DateTimeOffset FirstEnqueuedAt) Sendable()
    {
        var (count, urgent, first) = (0, false, DateTimeOffset.MaxValue);
        if (_postsInFlight >= timings.MaxPostsInFlight)
        {
            return (0, false, first);
        }

        foreach (var item in _pending.Where(p => !_busyExecutions.Contains(p.Event.ExecutionId)))
        {
            count++;
            urgent |= !EventTypes.IsBatchable(item.Event.Type) || item.Run is null;
            first = item.EnqueuedAt < first ? item.EnqueuedAt : first;
        }

        return (count, urgent, first);
    }

    /// <summary>Takes the oldest sendable events, in their order, up to the post's limits, and marks their executions busy.</summary>
    private List<PendingEvent> TakeBatch()
    {
        var batch = new List<PendingEvent>();
        var bytes = 0L;
        foreach (var item in _pending.Where(p => !_busyExecutions.Contains(p.Event.ExecutionId)))
        {
            if (batch.Count == timings.MaxEventsPerPost || (batch.Count > 0 && bytes + item.Size > timings.MaxBytesPerPost))
            {
                break;
            }

            bytes += item.Size;
            batch.Add(item);
        }

        var taken = batch.Select(p => p.Event.EventId).ToHashSet(StringComparer.Ordinal);
        _pending.RemoveAll(p => taken.Contains(p.Event.EventId));
        foreach (var item in batch)
        {
            _busyExecutions.Add(item.Event.ExecutionId);
        }

        _inFlight += batch.Count;
        _postsInFlight++;
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
