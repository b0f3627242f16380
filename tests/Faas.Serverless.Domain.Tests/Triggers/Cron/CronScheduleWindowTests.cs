using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

public sealed class CronScheduleWindowTests
{
    private static readonly CronSchedule Daily = CronSchedule.Parse("0 5 * * *");

    [Theory]
    [InlineData("2024-01-01T05:00:00Z", "2024-01-01T05:00:00Z 2024-01-02T05:00:00Z")]
    [InlineData("2024-01-01T05:00:00.001Z", "2024-01-02T05:00:00Z 2024-01-03T05:00:00Z")]
    [InlineData("2024-01-01T04:59:59Z", "2024-01-01T05:00:00Z 2024-01-02T05:00:00Z")]
    public void Occurrences_StartAt_NoTickBeforeItAndATickAtItFires(string startAt, string expected)
    {
        var schedule = Daily.WithWindow(At(startAt), null);

        Assert.Equal(expected, Join(schedule.Occurrences(At("2023-06-01T00:00:00Z")).Take(2)));
    }

    [Fact]
    public void Occurrences_AfterLaterThanStartAt_StartsFromAfter()
    {
        var schedule = Daily.WithWindow(At("2024-01-01T00:00:00Z"), null);

        Assert.Equal(At("2024-01-11T05:00:00Z"), schedule.Next(At("2024-01-10T05:00:00Z")));
    }

    [Fact]
    public void NextN_EndAt_InclusiveAndNothingAfter()
    {
        var schedule = Daily.WithWindow(null, At("2024-01-03T05:00:00Z"));

        Assert.Equal("2024-01-01T05:00:00Z 2024-01-02T05:00:00Z 2024-01-03T05:00:00Z", Join(schedule.NextN(At("2024-01-01T00:00:00Z"), 5)));
        Assert.Null(schedule.Next(At("2024-01-03T05:00:00Z")));
    }

    [Fact]
    public void Occurrences_UntilBeforeEndAt_StopsAtUntil()
    {
        var schedule = Daily.WithWindow(At("2024-01-02T00:00:00Z"), At("2024-01-10T00:00:00Z"));

        Assert.Equal(
            "2024-01-02T05:00:00Z 2024-01-03T05:00:00Z",
            Join(schedule.Occurrences(At("2024-01-01T00:00:00Z"), At("2024-01-03T05:00:00Z"))));
        Assert.Equal(8, schedule.Occurrences(At("2024-01-01T00:00:00Z"), At("2024-02-01T00:00:00Z")).Count());
    }

    [Theory]
    [InlineData("2024-01-02T00:00:00Z", "2024-01-02T00:00:00Z")]
    [InlineData("2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z")]
    public void WithWindow_EndNotAfterStart_Throws(string startAt, string endAt)
    {
        var exception = Assert.Throws<ArgumentException>(() => Daily.WithWindow(At(startAt), At(endAt)));
        Assert.Equal("endAt", exception.ParamName);
    }

    [Fact]
    public void WithWindow_KeepsExpressionAndZone()
    {
        var schedule = CronSchedule.Parse("0 5 * * *", "Europe/Berlin").WithWindow(At("2024-01-01T00:00:00Z"), At("2024-02-01T00:00:00Z"));

        Assert.Equal("0 5 * * *", schedule.Text);
        Assert.Equal("Europe/Berlin", schedule.TimeZone.Id);
        Assert.Equal(At("2024-01-01T00:00:00Z"), schedule.StartAt);
        Assert.Equal(At("2024-02-01T00:00:00Z"), schedule.EndAt);
    }

    [Theory]
    [InlineData("2024-01-01T04:00:00Z", 3_600_000)]
    [InlineData("2024-01-01T04:59:59Z", 1_000)]
    [InlineData("2024-01-01T05:00:00Z", 86_400_000)]
    public void DelayUntilNext_BeforeTick_IsExact(string now, long expectedMilliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Daily.DelayUntilNext(At(now)));

    [Fact]
    public void DelayUntilNext_SubMillisecondRemainder_RoundsUpSoTheTimerNeverWakesEarly()
    {
        var now = At("2024-01-01T05:00:00Z").AddTicks(-1);

        Assert.Equal(TimeSpan.FromMilliseconds(1), Daily.DelayUntilNext(now));
    }

    [Fact]
    public void DelayUntilNext_DistantTick_IsCappedAtMaxDelay()
    {
        Assert.Equal(TimeSpan.FromDays(1), CronSchedule.MaxDelay);
        Assert.Equal(CronSchedule.MaxDelay, CronSchedule.Parse("@yearly").DelayUntilNext(At("2024-06-01T00:00:00Z")));
    }

    [Fact]
    public void DelayUntilNext_WindowEnded_IsInfinite() =>
        Assert.Equal(Timeout.InfiniteTimeSpan, Daily.WithWindow(null, At("2024-01-01T00:00:00Z")).DelayUntilNext(At("2024-01-01T00:00:00Z")));
}
