using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 5 * * *", null, "2024-01-01T00:00:00Z", "2024-01-01T05:00:00Z 2024-01-02T05:00:00Z 2024-01-03T05:00:00Z 2024-01-04T05:00:00Z 2024-01-05T05:00:00Z")]
    [InlineData("0 5 * * *", "UTC", "2024-01-01T05:00:00Z", "2024-01-02T05:00:00Z 2024-01-03T05:00:00Z 2024-01-04T05:00:00Z 2024-01-05T05:00:00Z 2024-01-06T05:00:00Z")]
    [InlineData("0 5 * * *", "Europe/Berlin", "2024-01-01T00:00:00Z", "2024-01-01T04:00:00Z 2024-01-02T04:00:00Z 2024-01-03T04:00:00Z 2024-01-04T04:00:00Z 2024-01-05T04:00:00Z")]
    [InlineData("0 5 * * *", "Europe/Berlin", "2024-07-01T00:00:00Z", "2024-07-01T03:00:00Z 2024-07-02T03:00:00Z 2024-07-03T03:00:00Z 2024-07-04T03:00:00Z 2024-07-05T03:00:00Z")]
    [InlineData("0 5 * * *", "Asia/Kolkata", "2024-01-01T00:00:00Z", "2024-01-01T23:30:00Z 2024-01-02T23:30:00Z 2024-01-03T23:30:00Z 2024-01-04T23:30:00Z 2024-01-05T23:30:00Z")]
    [InlineData("0 9 * * MON-FRI", "America/New_York", "2024-01-05T12:00:00Z", "2024-01-05T14:00:00Z 2024-01-08T14:00:00Z 2024-01-09T14:00:00Z 2024-01-10T14:00:00Z 2024-01-11T14:00:00Z")]
    [InlineData("*/15 * * * *", null, "2024-01-01T00:07:00+02:00", "2023-12-31T22:15:00Z 2023-12-31T22:30:00Z 2023-12-31T22:45:00Z 2023-12-31T23:00:00Z 2023-12-31T23:15:00Z")]
    [InlineData("30 0 0 * * *", "Pacific/Kiritimati", "2024-01-01T00:00:00Z", "2024-01-01T10:00:30Z 2024-01-02T10:00:30Z 2024-01-03T10:00:30Z 2024-01-04T10:00:30Z 2024-01-05T10:00:30Z")]
    public void NextN_ScheduleInZone_ReturnsUtcInstants(string expression, string? zone, string after, string expected)
    {
        var ticks = CronSchedule.Parse(expression, zone).NextN(At(after), 5);

        Assert.Equal(expected, Join(ticks));
        Assert.All(ticks, tick => Assert.Equal(TimeSpan.Zero, tick.Offset));
    }

    [Fact]
    public void Next_AfterTickWithMilliseconds_ExcludesThatTick()
    {
        var schedule = CronSchedule.Parse("* * * * * *");

        Assert.Equal(At("2024-01-01T00:00:01Z"), schedule.Next(At("2024-01-01T00:00:00Z").AddMilliseconds(1)));
        Assert.Equal(At("2024-01-01T00:00:01Z"), schedule.Next(At("2024-01-01T00:00:01Z").AddTicks(-1)));
    }

    [Fact]
    public void NextN_NegativeCount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CronSchedule.Parse("* * * * *").NextN(At("2024-01-01T00:00:00Z"), -1));

    [Theory]
    [InlineData(null, "UTC")]
    [InlineData("", "UTC")]
    [InlineData(" ", "UTC")]
    [InlineData("UTC", "UTC")]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+5", "Etc/GMT+5")]
    public void TryParse_KnownTimeZone_Resolves(string? zone, string expectedId)
    {
        Assert.True(CronSchedule.TryParse("0 5 * * *", zone, out var schedule, out var error), error);
        Assert.Equal(expectedId, schedule.TimeZone.Id);
        Assert.Equal($"0 5 * * * ({expectedId})", schedule.ToString());
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("/etc/localtime")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Europe/../Europe/Berlin")]
    [InlineData("+02:00")]
    public void TryParse_UnknownTimeZone_NamesTheZone(string zone)
    {
        Assert.False(CronSchedule.TryParse("0 5 * * *", zone, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Equal($"'{zone}' is not a known IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC)", error);
    }

    [Fact]
    public void TryParse_BadExpression_ReportsExpressionError()
    {
        Assert.False(CronSchedule.TryParse("0 25 * * *", "Europe/Berlin", out _, out var error));
        Assert.Equal("'0 25 * * *' is not a valid cron expression: Hours: Value must be a number between 0 and 23 (all inclusive).", error);
    }

    [Fact]
    public void Parse_BadZone_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => CronSchedule.Parse("* * * * *", "Nowhere/Town"));
}
