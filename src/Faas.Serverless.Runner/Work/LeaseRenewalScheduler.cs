namespace Faas.Serverless.Runner.Work;

/// <summary>
/// Decides which leases to renew now. A lease is due leaseSeconds / 3 after it was last renewed; when any lease is
/// due, those past half their interval ride along in the same call, so a busy replica makes few renew calls.
/// </summary>
internal static class LeaseRenewalScheduler
{
    public static IReadOnlyList<ExecutionRun> SelectDue(IEnumerable<ExecutionRun> runs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var held = runs.Where(r => r.LeaseHeld).ToList();
        if (!held.Any(r => now - r.LastRenewedAt >= r.RenewInterval))
        {
            return [];
        }

        return held.Where(r => now - r.LastRenewedAt >= r.RenewInterval / 2).ToList();
    }

    /// <summary>When the next lease falls due (null when no lease is held).</summary>
    public static DateTimeOffset? NextDue(IEnumerable<ExecutionRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        DateTimeOffset? next = null;
        foreach (var run in runs.Where(r => r.LeaseHeld))
        {
            var due = run.LastRenewedAt + run.RenewInterval;
            if (next is null || due < next)
            {
                next = due;
            }
        }

        return next;
    }
}
