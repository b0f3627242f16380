using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// One ordered queue of execution events for the whole replica, so the events of each execution reach the host in
/// the order they happened. <c>log</c>/<c>progress</c> events wait up to <see cref="AgentTimings.LogBatchDelay"/> to be
/// batched; any other event flushes the queue at once. A failed POST is retried with the same event ids (the host is
/// idempotent by eventId) and nothing behind it overtakes it. Lease ids are stamped at send time, under the lease
/// gate that renewals also take, so an event always carries the lease id the host issued last.
/// </summary>
internal sealed partial class EventOutbox(
    Func<IReadOnlyList<RunnerEvent>, CancellationToken, Task> post,
    SemaphoreSlim leaseGate,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly RetryPolicy Backoff = new(0, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5));

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
        ArgumentNullException.ThrowIfNull(runnerEvent);
        var batchable = EventTypes.IsBatchable(runnerEvent.Type);
        lock (_sync)
        {
            if (batchable && _pending.Count >= timings.MaxPendingEvents)
            {
                if (++_dropped % 1000 == 1)
                {
                    LogDropping(logger, _dropped, timings.MaxPendingEvents);
                }

                return;
            }

            _pending.Add(new PendingEvent(run, runnerEvent, timeProvider.GetUtcNow()));
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
            _urgent -= _pending.Count(p => p.Run == run && !EventTypes.IsBatchable(p.Event.Type));
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

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await NextBatchAsync(cancellationToken);
            if (batch.Count == 0)
            {
                continue;
            }

            try
            {
                await SendAsync(batch, cancellationToken);
            }
            finally
            {
                lock (_sync)
                {
                    _inFlight = 0;
                }
            }

            foreach (var item in batch.Where(p => EventTypes.IsTerminal(p.Event.Type)))
            {
                FinalEventDelivered?.Invoke(item.Run);
            }
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
        var count = Math.Min(_pending.Count, timings.MaxEventsPerPost);
        var batch = _pending.GetRange(0, count);
        _pending.RemoveRange(0, count);
        _urgent -= batch.Count(p => !EventTypes.IsBatchable(p.Event.Type));
        _inFlight = batch.Count;
        return batch;
    }

    private async Task SendAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await leaseGate.WaitAsync(cancellationToken);
            try
            {
                var events = batch.Where(p => !p.Run.Lost).Select(p => p.Event with { LeaseId = p.Run.LeaseId }).ToList();
                if (events.Count > 0)
                {
                    await post(events, cancellationToken);
                }

                return;
            }
            catch (HostApiException ex) when (ex is not HostRefusedException && ex.StatusCode is { } status && !RetryPolicy.IsTransient(status))
            {
                LogRejected(logger, batch.Count, (int)status, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is HostApiException and not HostRefusedException or HttpRequestException)
            {
                LogRetrying(logger, batch.Count, attempt, ex.Message);
            }
            finally
            {
                leaseGate.Release();
            }

            await Task.Delay(Backoff.DelayFor(attempt), timeProvider, cancellationToken);
        }
    }

    private readonly record struct PendingEvent(ExecutionRun Run, RunnerEvent Event, DateTimeOffset EnqueuedAt);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Posting {Count} events failed (attempt {Attempt}), retrying: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "The host rejected {Count} events with {Status}; dropping them: {Reason}")]
    private static partial void LogRejected(ILogger logger, int count, int status, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "{Dropped} log events dropped so far: more than {Max} events are waiting to be sent")]
    private static partial void LogDropping(ILogger logger, long dropped, int max);
}
