using System.Numerics;

namespace Faas.Serverless.Domain.Triggers.Cron;

public sealed partial class CronExpression
{
    /// <summary>
    /// The first wall-clock time strictly after <paramref name="local"/> that the expression matches, in whole seconds;
    /// null when there is none before the end of year 9999. The kind of <paramref name="local"/> is ignored.
    /// </summary>
    public DateTime? NextAfter(DateTime local)
    {
        var floor = local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond);
        if (floor >= DateTime.MaxValue.Ticks - TimeSpan.TicksPerSecond)
        {
            return null;
        }

        var start = new DateTime(floor + TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        var day = start.Date;
        var from = start.TimeOfDay;
        while (true)
        {
            if (!Has(_months, day.Month))
            {
                if (day.Year == DateTime.MaxValue.Year && day.Month == 12)
                {
                    return null;
                }

                // Whole months are skipped at once so that sparse schedules (e.g. Feb 29) are found quickly.
                day = new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
                from = TimeSpan.Zero;
                continue;
            }

            if (DayMatches(day) && FirstTimeAtOrAfter(from) is { } time)
            {
                return day + time;
            }

            if (day == DateTime.MaxValue.Date)
            {
                return null;
            }

            day = day.AddDays(1);
            from = TimeSpan.Zero;
        }
    }

    private bool DayMatches(DateTime day)
    {
        var dayOfMonth = Has(_daysOfMonth, day.Day);
        var dayOfWeek = Has(_daysOfWeek, (int)day.DayOfWeek);
        return _eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private TimeSpan? FirstTimeAtOrAfter(TimeSpan from)
    {
        for (var hour = NextSet(_hours, from.Hours); hour >= 0; hour = NextSet(_hours, hour + 1))
        {
            var sameHour = hour == from.Hours;
            for (var minute = NextSet(_minutes, sameHour ? from.Minutes : 0); minute >= 0; minute = NextSet(_minutes, minute + 1))
            {
                var second = NextSet(_seconds, sameHour && minute == from.Minutes ? from.Seconds : 0);
                if (second >= 0)
                {
                    return new TimeSpan(hour, minute, second);
                }
            }
        }

        return null;
    }

    /// <summary>The smallest value at or above <paramref name="from"/> in the mask, or -1.</summary>
    private static int NextSet(ulong mask, int from)
    {
        var rest = from >= 64 ? 0 : mask & (ulong.MaxValue << from);
        return rest == 0 ? -1 : BitOperations.TrailingZeroCount(rest);
    }
}
