namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>How close together a schedule's ticks come, so that a host can refuse schedules that fire too often.</summary>
public static class CronIntervals
{
    private const int SampledTicks = 2000;
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(400);

    /// <summary>
    /// The shortest gap between consecutive ticks after <paramref name="from"/>, or null with fewer than two ticks.
    /// Cron fields are a product of sets, so the shortest gap of a day's pattern shows in the first ticks of the
    /// first days it fires; the sample spans more than a year so that a schedule limited to some days is sampled.
    /// </summary>
    public static TimeSpan? ShortestGap(CronSchedule schedule, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        TimeSpan? shortest = null;
        DateTimeOffset? previous = null;
        foreach (var tick in schedule.Occurrences(from, from + Horizon).Take(SampledTicks))
        {
            if (previous is { } last && (shortest is null || tick - last < shortest))
            {
                shortest = tick - last;
            }

            previous = tick;
        }

        return shortest;
    }
}
