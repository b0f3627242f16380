using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

/// <summary>
/// Rules under test: a wall time skipped by spring-forward fires once at the end of the gap (the transition instant);
/// a wall time repeated by fall-back fires once, at its first occurrence.
/// </summary>
public sealed class CronScheduleDstTests
{
    [Theory]
    // Berlin springs forward on 2024-03-31 at 02:00 CET (01:00Z) to 03:00 CEST: 02:30 does not exist that day.
    [InlineData("30 2 * * *", "Europe/Berlin", "2024-03-29T12:00:00Z", "2024-03-30T01:30:00Z 2024-03-31T01:00:00Z 2024-04-01T00:30:00Z 2024-04-02T00:30:00Z")]
    // New York springs forward on 2024-03-10 at 02:00 EST (07:00Z) to 03:00 EDT.
    [InlineData("30 2 * * *", "America/New_York", "2024-03-08T12:00:00Z", "2024-03-09T07:30:00Z 2024-03-10T07:00:00Z 2024-03-11T06:30:00Z 2024-03-12T06:30:00Z")]
    [InlineData("0 2 * * *", "America/New_York", "2024-03-08T12:00:00Z", "2024-03-09T07:00:00Z 2024-03-10T07:00:00Z 2024-03-11T06:00:00Z 2024-03-12T06:00:00Z")]
    // Lord Howe moves by 30 minutes: on 2024-10-06 02:00 (+10:30, 15:30Z the day before) becomes 02:30 (+11).
    [InlineData("15 2 * * *", "Australia/Lord_Howe", "2024-10-04T12:00:00Z", "2024-10-04T15:45:00Z 2024-10-05T15:30:00Z 2024-10-06T15:15:00Z 2024-10-07T15:15:00Z")]
    public void NextN_DailyTimeInSpringForwardGap_FiresOnceAtEndOfGap(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected, Join(CronSchedule.Parse(expression, zone).NextN(At(after), 4)));

    [Theory]
    // Berlin falls back on 2024-10-27 at 03:00 CEST (01:00Z) to 02:00 CET: 02:30 happens at 00:30Z and at 01:30Z.
    [InlineData("30 2 * * *", "Europe/Berlin", "2024-10-25T12:00:00Z", "2024-10-26T00:30:00Z 2024-10-27T00:30:00Z 2024-10-28T01:30:00Z 2024-10-29T01:30:00Z")]
    // New York falls back on 2024-11-03 at 02:00 EDT (06:00Z) to 01:00 EST: 01:30 happens at 05:30Z and at 06:30Z.
    [InlineData("30 1 * * *", "America/New_York", "2024-11-01T12:00:00Z", "2024-11-02T05:30:00Z 2024-11-03T05:30:00Z 2024-11-04T06:30:00Z 2024-11-05T06:30:00Z")]
    // Sydney falls back on 2024-04-07 at 03:00 AEDT (16:00Z the day before) to 02:00 AEST.
    [InlineData("30 2 * * *", "Australia/Sydney", "2024-04-04T12:00:00Z", "2024-04-04T15:30:00Z 2024-04-05T15:30:00Z 2024-04-06T15:30:00Z 2024-04-07T16:30:00Z")]
    public void NextN_DailyTimeInFallBackOverlap_FiresOnceAtFirstOccurrence(string expression, string zone, string after, string expected) =>
        Assert.Equal(expected, Join(CronSchedule.Parse(expression, zone).NextN(At(after), 4)));

    [Fact]
    public void Occurrences_Every15MinutesAcrossSpringForward_NoDuplicateNoLostInstant()
    {
        var ticks = CronSchedule.Parse("*/15 * * * *", "Europe/Berlin")
            .Occurrences(At("2024-03-30T23:00:00Z"), At("2024-03-31T02:00:00Z")).ToList();

        // The skipped wall times 02:00-02:45 all collapse onto 03:00 CEST, which is a tick anyway: in UTC the series
        // simply continues every 15 minutes.
        Assert.Equal(EveryQuarterHour(At("2024-03-30T23:15:00Z"), At("2024-03-31T02:00:00Z")), ticks);
    }

    [Fact]
    public void Occurrences_Every15MinutesAcrossFallBack_RepeatedHourFiresOnce()
    {
        var ticks = CronSchedule.Parse("*/15 * * * *", "Europe/Berlin")
            .Occurrences(At("2024-10-26T23:00:00Z"), At("2024-10-27T03:00:00Z")).ToList();

        // 02:00-02:45 CEST fire (00:00Z-00:45Z); the same wall times in CET (01:00Z-01:45Z) do not fire again.
        var expected = EveryQuarterHour(At("2024-10-26T23:15:00Z"), At("2024-10-27T00:45:00Z"))
            .Concat(EveryQuarterHour(At("2024-10-27T02:00:00Z"), At("2024-10-27T03:00:00Z")));
        Assert.Equal(expected, ticks);
    }

    [Fact]
    public void Occurrences_Every10SecondsAcrossSpringForward_ContinuousInUtc()
    {
        var ticks = CronSchedule.Parse("*/10 * * * * *", "America/New_York")
            .Occurrences(At("2024-03-10T06:59:00Z"), At("2024-03-10T07:01:00Z")).ToList();

        Assert.Equal(12, ticks.Count);
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(10), pair.Second - pair.First));
    }

    [Theory]
    [InlineData("2024-10-27T01:20:00Z", "2024-10-27T02:00:00Z")]
    [InlineData("2024-10-27T00:50:00Z", "2024-10-27T02:00:00Z")]
    [InlineData("2024-10-27T00:20:00Z", "2024-10-27T00:30:00Z")]
    public void Next_AfterInsideRepeatedHour_DoesNotRepeatWallTimes(string after, string expected) =>
        Assert.Equal(At(expected), CronSchedule.Parse("*/15 * * * *", "Europe/Berlin").Next(At(after)));

    [Theory]
    [InlineData("2024-10-27T00:40:00Z", "2024-10-28T01:30:00Z")]
    [InlineData("2024-10-27T01:10:00Z", "2024-10-28T01:30:00Z")]
    public void Next_DailyAfterFirstOccurrenceOfRepeatedTime_WaitsForNextDay(string after, string expected) =>
        Assert.Equal(At(expected), CronSchedule.Parse("30 2 * * *", "Europe/Berlin").Next(At(after)));

    [Fact]
    public void Occurrences_HourlyOverAYearInBerlin_OneTickPerDistinctWallHour()
    {
        var ticks = CronSchedule.Parse("0 * * * *", "Europe/Berlin")
            .Occurrences(At("2023-12-31T23:00:00Z"), At("2024-12-31T23:00:00Z")).ToList();

        // 366 days of 24 wall hours, minus the hour skipped in March; the repeated October hour fires once.
        Assert.Equal((366 * 24) - 1, ticks.Count);
        Assert.Equal(ticks.Count, ticks.Distinct().Count());
        Assert.True(ticks.Zip(ticks.Skip(1)).All(pair => pair.First < pair.Second));
    }

    private static List<DateTimeOffset> EveryQuarterHour(DateTimeOffset first, DateTimeOffset last)
    {
        var ticks = new List<DateTimeOffset>();
        for (var tick = first; tick <= last; tick = tick.AddMinutes(15))
        {
            ticks.Add(tick);
        }

        return ticks;
    }
}
