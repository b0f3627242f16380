using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

/// <summary>
/// Cronos's DST rules, one test per row of the table in docs/cron.md: a wall time skipped by spring-forward fires once,
/// at the transition; a daily time repeated by fall-back fires once, at its first occurrence; schedules that fire more
/// than once an hour, or hourly, fire in both passes of the repeated hour.
/// Berlin: 2024-03-31 02:00 CET -> 03:00 CEST (01:00Z); 2024-10-27 03:00 CEST -> 02:00 CET (01:00Z).
/// New York: 2024-03-10 02:00 EST -> 03:00 EDT (07:00Z); 2024-11-03 02:00 EDT -> 01:00 EST (06:00Z).
/// </summary>
public sealed class CronScheduleDstTests
{
    [Theory]
    // B1: 02:30 does not exist on 2024-03-31 and fires at 03:00 CEST, the transition.
    [InlineData("Europe/Berlin", "30 2 * * *", "2024-03-30T00:00:00Z", "2024-04-01T23:59:59Z", "2024-03-30T01:30:00Z 2024-03-31T01:00:00Z 2024-04-01T00:30:00Z")]
    // B2: every 15 minutes runs on in UTC: 01:45 CET, then 03:00 CEST.
    [InlineData("Europe/Berlin", "*/15 * * * *", "2024-03-31T00:30:00Z", "2024-03-31T01:30:00Z", "2024-03-31T00:45:00Z 2024-03-31T01:00:00Z 2024-03-31T01:15:00Z 2024-03-31T01:30:00Z")]
    // B4: 02:30 exists twice on 2024-10-27 (00:30Z CEST and 01:30Z CET); a daily job fires at the first only.
    [InlineData("Europe/Berlin", "30 2 * * *", "2024-10-26T00:00:00Z", "2024-10-28T23:59:59Z", "2024-10-26T00:30:00Z 2024-10-27T00:30:00Z 2024-10-28T01:30:00Z")]
    // B5: every 15 minutes repeats 02:00-02:45 in the repeated hour: 8 ticks from 00:00Z to 01:45Z.
    [InlineData("Europe/Berlin", "*/15 2 * * *", "2024-10-26T23:00:00Z", "2024-10-27T02:00:00Z", "2024-10-27T00:00:00Z 2024-10-27T00:15:00Z 2024-10-27T00:30:00Z 2024-10-27T00:45:00Z 2024-10-27T01:00:00Z 2024-10-27T01:15:00Z 2024-10-27T01:30:00Z 2024-10-27T01:45:00Z")]
    // N1: 02:30 does not exist on 2024-03-10 and fires at 03:00 EDT, the transition.
    [InlineData("America/New_York", "30 2 * * *", "2024-03-09T12:00:00Z", "2024-03-11T12:00:00Z", "2024-03-10T07:00:00Z 2024-03-11T06:30:00Z")]
    // N2: several skipped times collapse onto the transition: 02:00, 02:20 and 02:40 all become 03:00 EDT, once.
    [InlineData("America/New_York", "0/20 2-3 * * *", "2024-03-10T06:00:00Z", "2024-03-10T08:00:00Z", "2024-03-10T07:00:00Z 2024-03-10T07:20:00Z 2024-03-10T07:40:00Z")]
    // N4: 01:30 exists twice on 2024-11-03 (05:30Z EDT and 06:30Z EST); a daily job fires at the first only.
    [InlineData("America/New_York", "30 1 * * *", "2024-11-02T12:00:00Z", "2024-11-04T12:00:00Z", "2024-11-03T05:30:00Z 2024-11-04T06:30:00Z")]
    // N5: every 30 minutes in hour 1 fires in both passes: 01:00 and 01:30 EDT, then 01:00 and 01:30 EST.
    [InlineData("America/New_York", "*/30 1 * * *", "2024-11-03T04:00:00Z", "2024-11-03T08:00:00Z", "2024-11-03T05:00:00Z 2024-11-03T05:30:00Z 2024-11-03T06:00:00Z 2024-11-03T06:30:00Z")]
    public void Occurrences_DstExample_FiresAsDocumented(string zone, string cron, string from, string until, string expected) =>
        Assert.Equal(expected, Join(CronSchedule.Parse(cron, zone).Occurrences(At(from), At(until))));

    [Theory]
    // B3 and N3: an hourly job runs 23 times on the 23-hour day; B6 and N6: 25 times on the 25-hour day.
    [InlineData("Europe/Berlin", "2024-03-30T23:00:00Z", "2024-03-31T22:00:00Z", 23)]
    [InlineData("Europe/Berlin", "2024-10-26T22:00:00Z", "2024-10-27T23:00:00Z", 25)]
    [InlineData("America/New_York", "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z", 23)]
    [InlineData("America/New_York", "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z", 25)]
    public void Occurrences_HourlyOnADstDay_FiresOncePerHourThatPasses(string zone, string midnightBefore, string nextMidnight, int expected)
    {
        // One local day: from its midnight (inclusive) to the next (exclusive).
        var ticks = CronSchedule.Parse("0 * * * *", zone).Occurrences(At(midnightBefore).AddTicks(-1), At(nextMidnight).AddTicks(-1)).ToList();

        Assert.Equal(expected, ticks.Count);
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
    }

    [Theory]
    // B7: asked from inside the repeated hour, the next quarter is in the second pass, not after it.
    [InlineData("*/15 * * * *", "2024-10-27T01:20:00Z", "2024-10-27T01:30:00Z")]
    // B8: a daily job that fired at 02:30 CEST waits for the next day, even while 02:30 CET is still ahead.
    [InlineData("30 2 * * *", "2024-10-27T00:40:00Z", "2024-10-28T01:30:00Z")]
    public void Next_InsideTheRepeatedHour_FollowsCronos(string cron, string after, string expected) =>
        Assert.Equal(At(expected), CronSchedule.Parse(cron, "Europe/Berlin").Next(At(after)));

    [Theory]
    // Lord Howe moves by 30 minutes: on 2024-10-06 02:00 (+10:30, 15:30Z the day before) becomes 02:30 (+11).
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2024-10-04T12:00:00Z", "2024-10-04T15:45:00Z 2024-10-05T15:30:00Z 2024-10-06T15:15:00Z 2024-10-07T15:15:00Z")]
    // Sydney falls back on 2024-04-07 at 03:00 AEDT (16:00Z the day before) to 02:00 AEST.
    [InlineData("30 2 * * *", "Australia/Sydney", "2024-04-04T12:00:00Z", "2024-04-04T15:30:00Z 2024-04-05T15:30:00Z 2024-04-06T15:30:00Z 2024-04-07T16:30:00Z")]
    public void NextN_SouthernHemisphereAndHalfHourShifts_SameRules(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected, Join(CronSchedule.Parse(expression, zone).NextN(At(after), 4)));

    [Fact]
    public void Occurrences_Every10SecondsAcrossSpringForward_ContinuousInUtc()
    {
        var ticks = CronSchedule.Parse("*/10 * * * * *", "America/New_York")
            .Occurrences(At("2024-03-10T06:59:00Z"), At("2024-03-10T07:01:00Z")).ToList();

        Assert.Equal(12, ticks.Count);
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(10), pair.Second - pair.First));
    }

    [Fact]
    public void Occurrences_HourlyOverAYearInBerlin_OneTickPerHourThatPasses()
    {
        var ticks = CronSchedule.Parse("0 * * * *", "Europe/Berlin")
            .Occurrences(At("2023-12-31T23:00:00Z"), At("2024-12-31T23:00:00Z")).ToList();

        // 366 days of 24 hours: the hour lost in March comes back in October, when 02:00-02:59 runs twice.
        Assert.Equal(366 * 24, ticks.Count);
        Assert.True(ticks.Zip(ticks.Skip(1)).All(pair => pair.First < pair.Second));
    }
}
