namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>
/// Decides, without side effects, which ticks a dispatcher fires when it polls. Every tick is returned (fired or
/// skipped) by at most one poll provided the dispatcher records <see cref="CronDue.Checkpoint"/> as the next
/// lastFiredTick; see docs/cron.md for the policies.
/// </summary>
public static class CronPlanner
{
    public const CatchUpPolicy DefaultPolicy = CatchUpPolicy.FireLatest;

    public const int DefaultMaxCatchUp = 10;

    /// <summary>How late a tick may be seen and still count as on time: covers timer jitter and a poll that is busy.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <param name="lastFiredTick">The checkpoint recorded by the previous poll, or null for a trigger that never polled.</param>
    /// <param name="since">Where a trigger without a checkpoint starts (exclusive), normally its creation time; the
    /// schedule's StartAt still applies.</param>
    /// <param name="now">The dispatcher's clock; ticks up to it (inclusive) are due.</param>
    /// <param name="maxCatchUp">For <see cref="CatchUpPolicy.FireAll"/>: the most missed ticks fired by one poll.</param>
    /// <param name="grace">A due tick no older than this is on time; default <see cref="DefaultGrace"/>.</param>
    public static CronDue Due(
        CronSchedule schedule,
        DateTimeOffset? lastFiredTick,
        DateTimeOffset since,
        DateTimeOffset now,
        CatchUpPolicy policy = DefaultPolicy,
        int maxCatchUp = DefaultMaxCatchUp,
        TimeSpan? grace = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCatchUp);
        var onTimeSpan = grace ?? DefaultGrace;
        ArgumentOutOfRangeException.ThrowIfLessThan(onTimeSpan, TimeSpan.Zero, nameof(grace));
        var onTimeFrom = now - onTimeSpan;
        var keep = policy switch
        {
            CatchUpPolicy.FireLatest => 1,
            CatchUpPolicy.FireAll => maxCatchUp,
            CatchUpPolicy.Skip => 0,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Unknown catch-up policy."),
        };

        // Missed ticks stream through a queue holding the newest `keep` of them, so a long outage costs time linear
        // in the number of ticks but only `keep` memory.
        var missed = new Queue<DateTimeOffset>();
        var onTime = new List<DateTimeOffset>();
        var skipped = CronSkippedTicks.None;
        foreach (var tick in schedule.Occurrences(lastFiredTick ?? since, now))
        {
            if (tick >= onTimeFrom)
            {
                onTime.Add(tick);
                continue;
            }

            missed.Enqueue(tick);
            if (missed.Count > keep)
            {
                skipped = skipped.Add(missed.Dequeue());
            }
        }

        // An on-time tick already stands for the missed ones under FireLatest.
        while (policy == CatchUpPolicy.FireLatest && onTime.Count > 0 && missed.Count > 0)
        {
            skipped = skipped.Add(missed.Dequeue());
        }

        return new CronDue([.. missed, .. onTime], skipped);
    }
}
