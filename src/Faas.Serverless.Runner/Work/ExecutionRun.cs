using Faas.Serverless.Runner.Api;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// One leased work item on this replica. It holds a slot while the worker is busy with it OR its lease is held
/// (until the host acknowledged its final event), so the replica never holds more than concurrency items.
/// State changes happen under <see cref="Sync"/>; the registry and the outbox call in from different loops.
/// </summary>
internal sealed class ExecutionRun
{
    public ExecutionRun(WorkItem item, TimeSpan timeout, TimeSpan leaseDuration, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(item);
        Key = new RunKey(item.ExecutionId, item.Attempt);
        FunctionName = item.FunctionName;
        LeaseId = item.LeaseId;
        Timeout = timeout;
        LeaseDuration = leaseDuration;
        StartedAt = startedAt;
        LastRenewedAt = startedAt;
    }

    public object Sync { get; } = new();

    public RunKey Key { get; }

    public string ExecutionId => Key.ExecutionId;

    public int Attempt => Key.Attempt;

    public string FunctionName { get; }

    public TimeSpan Timeout { get; }

    public TimeSpan LeaseDuration { get; }

    /// <summary>Renew every leaseSeconds / 3.</summary>
    public TimeSpan RenewInterval => LeaseDuration / 3;

    public DateTimeOffset StartedAt { get; }

    /// <summary>The most recent lease id (renewals replace it); read when events are sent.</summary>
    public string LeaseId { get; set; }

    public DateTimeOffset LastRenewedAt { get; set; }

    /// <summary>A worker runs the call (until its result/error message, or that worker's process is gone).</summary>
    public bool WorkerBusy { get; set; } = true;

    /// <summary>The lease is ours: renew it. Cleared when the final event is acknowledged or the lease is lost.</summary>
    public bool LeaseHeld { get; set; } = true;

    /// <summary>The final event was queued (or the lease was lost): nothing more is reported for this run.</summary>
    public bool Finished { get; set; }

    /// <summary>The host gave the lease to another replica: events still queued for this run are not sent.</summary>
    public bool Lost { get; set; }

    /// <summary>Pending timeout or terminate-grace timer; disposed when the run finishes.</summary>
    public ITimer? Timer { get; set; }

    /// <summary>The call's worker was told to terminate it (and is killed when the call does not stop).</summary>
    public bool TerminateSent { get; set; }

    public bool HoldsSlot => WorkerBusy || LeaseHeld;
}

/// <summary>Worker messages carry both id and attempt, so a late message of an earlier attempt is never misattributed.</summary>
internal readonly record struct RunKey(string ExecutionId, int Attempt);
