using System.Net;
using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;
using Nito.AsyncEx;

namespace Faas.Serverless.Runner.Work;

/// <summary>Delivery of one batch: transient failures retried, refused events dropped one by one, acknowledged results unspooled.</summary>
internal sealed partial class EventOutbox
{
    /// <summary>Posts the batch until the host answers; a batch the host refuses as a whole is split until the refused event stands alone.</summary>
    private async Task DeliverAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        if (await SendAsync(batch, cancellationToken) is not { } refused)
        {
            return;
        }

        if (batch.Count > 1)
        {
            await DeliverAsync(batch[..(batch.Count / 2)], cancellationToken);
            await DeliverAsync(batch[(batch.Count / 2)..], cancellationToken);
            return;
        }

        Apply(batch, [new EventRejection(batch[0].Event.EventId, (int)refused.StatusCode!.Value, refused.Message)]);
    }

    /// <summary>Applies the host's answer: refused events are handled one by one, acknowledged results leave the spool and end their lease.</summary>
    private void Apply(List<PendingEvent> batch, IReadOnlyList<EventRejection> rejected)
    {
        var rejections = rejected.Where(r => r.EventId is not null).ToDictionary(r => r.EventId!, StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (rejections.TryGetValue(item.Event.EventId, out var rejection))
            {
                OnRejected(item, rejection);
            }
            else if (EventTypes.IsTerminal(item.Event.Type))
            {
                spool.Delete(item.Event.EventId);
                if (item.Run is { } run)
                {
                    FinalEventDelivered?.Invoke(run);
                }
            }
        }
    }

    /// <summary>
    /// Drops a refused event. A refused result is replaced by a small <c>failed</c> event (spooled in its place), so
    /// the call still ends and its lease is released; a refused replacement is dropped and the lease left to expire.
    /// </summary>
    private void OnRejected(PendingEvent item, EventRejection rejection)
    {
        var detail = Shorten(rejection.Detail ?? "no detail");
        LogRejected(logger, item.Event.Type, item.Event.ExecutionId, item.Event.Attempt, rejection.Status, detail);
        if (!EventTypes.IsTerminal(item.Event.Type))
        {
            return;
        }

        spool.Delete(item.Event.EventId);
        if (!IsResult(item.Event) || item.Replacement)
        {
            if (item.Run is { } run)
            {
                FinalEventDelivered?.Invoke(run);
            }

            return;
        }

        var type = rejection.Status == 413 ? OutputTooLargeErrorType : ResultRejectedErrorType;
        var replacement = item.Event with
        {
            EventId = EventIds.Next(),
            Type = EventTypes.Failed,
            Output = null,
            Error = new ErrorInfo(type, $"The host refused the call's {item.Event.Type} report ({rejection.Status}): {detail}", null),
            Terminated = item.Event.Terminated ?? false,
        };
        var size = spool.Save(replacement) ?? Estimate(replacement);
        lock (_sync)
        {
            _pending.Insert(0, new PendingEvent(item.Run, replacement, timeProvider.GetUtcNow(), size, Replacement: true));
        }

        _signal.Set();
    }

    /// <summary>
    /// One POST of the batch, retried while the failure is transient. Events the host answered "not applied yet" (a
    /// transient status of their own) go back to the front of the queue, to be posted again with whatever came in
    /// meanwhile: the host has already waited for them, and a result it has not applied keeps its spool file and its
    /// lease, which is renewed between posts. The answer is applied before the lease gate's read lock is released, so no
    /// renewal goes out for a lease whose final event the host just took (it would come back lost). Returns the refusal when
    /// the host refused the batch as a whole.
    /// </summary>
    private async Task<HostApiException?> SendAsync(List<PendingEvent> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            List<PendingEvent>? again = null;
            try
            {
                using (await leaseGate.ReaderLockAsync(cancellationToken))
                {
                    // A restored event has no run: it keeps the lease id it was spooled with.
                    var events = batch.Where(p => p.Run is not { Lost: true }).Select(p => p.Run is { } run ? p.Event with { LeaseId = run.LeaseId } : p.Event).ToList();
                    var answer = events.Count > 0 ? await post(events, cancellationToken) : [];
                    var notYet = answer.Where(r => r.EventId is not null && RetryPolicy.IsTransient((HttpStatusCode)r.Status)).Select(r => r.EventId!).ToHashSet(StringComparer.Ordinal);
                    again = [.. batch.Where(p => notYet.Contains(p.Event.EventId))];
                    Apply([.. batch.Where(p => !notYet.Contains(p.Event.EventId))], [.. answer.Where(r => r.EventId is null || !notYet.Contains(r.EventId))]);
                }
            }
            catch (HostApiException ex) when (ex is not HostRefusedException && ex.StatusCode is { } status && !RetryPolicy.IsTransient(status))
            {
                return ex;
            }
            catch (Exception ex) when (ex is HostApiException and not HostRefusedException or HttpRequestException or TimeoutException)
            {
                LogRetrying(logger, batch.Count, attempt, ex.Message);
            }

            if (again is not null)
            {
                await RequeueAsync(again, nothingTaken: again.Count == batch.Count, cancellationToken);
                return null;
            }

            await Task.Delay(Backoff.DelayFor(attempt), timeProvider, cancellationToken);
        }
    }

    /// <summary>Puts events the host has not applied yet back at the front of the queue, in their order.</summary>
    private async Task RequeueAsync(List<PendingEvent> again, bool nothingTaken, CancellationToken cancellationToken)
    {
        if (again.Count == 0)
        {
            return;
        }

        LogNotAppliedYet(logger, again.Count);
        if (nothingTaken)
        {
            // Nothing else to send: a short pause keeps a host that answers at once from being asked in a loop.
            await Task.Delay(NotAppliedPause, timeProvider, cancellationToken);
        }

        lock (_sync)
        {
            _pending.InsertRange(0, again);
        }

        _signal.Set();
    }

    /// <summary>Finished results: kept on disk until acknowledged. <c>released</c> is not one (the item simply goes back).</summary>
    private static bool IsResult(RunnerEvent runnerEvent) => runnerEvent.Type is EventTypes.Succeeded or EventTypes.Failed;

    /// <summary>A size estimate for batching; results take their spooled size instead.</summary>
    private static long Estimate(RunnerEvent runnerEvent) =>
        256 + 3L * ((runnerEvent.Message?.Length ?? 0) + (runnerEvent.Error?.Message.Length ?? 0) + (runnerEvent.Error?.Traceback?.Length ?? 0))
        + (runnerEvent.Output is { } output ? output.GetRawText().Length : 0);

    private static string Shorten(string text) => text.Length <= 1000 ? text : string.Concat(text.AsSpan(0, 1000), "…");

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Posting {Count} events failed (attempt {Attempt}), retrying: {Reason}")]
    private static partial void LogRetrying(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "The host has not applied {Count} events yet; posting them again")]
    private static partial void LogNotAppliedYet(ILogger logger, int count);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "The host refused the {Type} event of execution {ExecutionId} attempt {Attempt} with {Status}; dropping it: {Reason}")]
    private static partial void LogRejected(ILogger logger, string type, string executionId, int attempt, int status, string reason);
}
