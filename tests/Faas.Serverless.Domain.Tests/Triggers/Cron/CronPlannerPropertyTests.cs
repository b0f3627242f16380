using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

/// <summary>
/// Simulates a dispatcher that polls at random moments (on time, a little late, or after an outage) and records each
/// poll's checkpoint, then checks that every tick up to the last poll was disposed of (fired or skipped) exactly once.
/// </summary>
public sealed class CronPlannerPropertyTests
{
    private static readonly TimeSpan Grace = CronPlanner.DefaultGrace;

    public static TheoryData<string, string?, string, int, CatchUpPolicy, int, int> Cases()
    {
        var data = new TheoryData<string, string?, string, int, CatchUpPolicy, int, int>();
        (string Cron, string? Zone, string Start, int TypicalSeconds)[] schedules =
        [
            ("*/15 * * * *", "Europe/Berlin", "2024-03-30T18:00:00Z", 900),
            ("*/15 * * * *", "Europe/Berlin", "2024-10-26T18:00:00Z", 900),
            ("*/7 * * * * *", null, "2024-01-01T00:00:00Z", 7),
            ("30 1 * * *", "America/New_York", "2024-10-01T00:00:00Z", 86_400),
            ("0 9-17 * * MON-FRI", "Asia/Kolkata", "2024-01-01T00:00:00Z", 3_600),
        ];
        foreach (var (cron, zone, start, typical) in schedules)
        {
            foreach (var (policy, cap) in new[] { (CatchUpPolicy.FireAll, int.MaxValue), (CatchUpPolicy.FireAll, 3), (CatchUpPolicy.FireLatest, 10), (CatchUpPolicy.Skip, 10) })
            {
                foreach (var seed in new[] { 1, 2, 3 })
                {
                    data.Add(cron, zone, start, typical, policy, cap, seed);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Due_RandomPollsAndOutages_EveryTickDisposedOfExactlyOnce(string cron, string? zone, string start, int typicalSeconds, CatchUpPolicy policy, int maxCatchUp, int seed)
    {
        var schedule = CronSchedule.Parse(cron, zone);
        var since = At(start);
        var random = new Random(seed);
        var now = since;
        DateTimeOffset? checkpoint = null;
        var fired = new List<DateTimeOffset>();
        var skipped = 0;
        for (var poll = 0; poll < 400; poll++)
        {
            now = NextPoll(random, schedule, now, typicalSeconds);
            var due = CronPlanner.Due(schedule, checkpoint, since, now, policy, maxCatchUp);
            var cursor = checkpoint ?? since;

            Assert.All(due.Fire, tick => Assert.InRange(tick, cursor.AddTicks(1), now));
            Assert.True(due.Fire.Zip(due.Fire.Skip(1)).All(pair => pair.First < pair.Second), "fire list not increasing");
            if (due.Skipped.Count > 0)
            {
                Assert.True(due.Skipped.First > cursor && due.Skipped.Last < (due.Fire.Count > 0 ? due.Fire[0] : now.AddTicks(1)));
                Assert.Equal(due.Skipped.Count, schedule.Occurrences(due.Skipped.First!.Value.AddTicks(-1), due.Skipped.Last).Count());
            }

            AssertPolicy(policy, maxCatchUp, due, now);
            fired.AddRange(due.Fire);
            skipped += due.Skipped.Count;
            checkpoint = due.Checkpoint ?? checkpoint;
        }

        var all = schedule.Occurrences(since, now).ToList();
        Assert.Equal(fired.Count, fired.Distinct().Count());
        Assert.Empty(fired.Except(all));
        Assert.Equal(all.Count, fired.Count + skipped);
        if (policy == CatchUpPolicy.FireAll && maxCatchUp == int.MaxValue)
        {
            Assert.Equal(all, fired);
        }
    }

    private static void AssertPolicy(CatchUpPolicy policy, int maxCatchUp, CronDue due, DateTimeOffset now)
    {
        var late = due.Fire.Count(tick => now - tick > Grace);
        var limit = policy switch
        {
            CatchUpPolicy.FireAll => maxCatchUp,
            CatchUpPolicy.FireLatest => due.Fire.Count == late ? 1 : 0,
            _ => 0,
        };
        Assert.True(late <= limit, $"{policy} fired {late} late ticks at {Format(now)}");
    }

    // Mostly on time or a little late (the timer woke at the tick), sometimes at an arbitrary moment, sometimes after
    // an outage of many periods.
    private static DateTimeOffset NextPoll(Random random, CronSchedule schedule, DateTimeOffset now, int typicalSeconds)
    {
        var roll = random.NextDouble();
        if (roll < 0.6 && schedule.Next(now) is { } tick)
        {
            return tick.AddMilliseconds(random.Next(0, 8_000));
        }

        var spread = roll < 0.9 ? typicalSeconds : typicalSeconds * 40;
        return now.AddMilliseconds(random.NextInt64(1, (spread * 1000L) + 1));
    }
}
