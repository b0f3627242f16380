using Faas.Serverless.Domain.Triggers.Cron;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

/// <summary>Schedules in UTC, where wall clock and instant agree: what the fields mean, without DST.</summary>
public sealed class CronScheduleUtcTests
{
    [Theory]
    [InlineData("*/15 * * * *", "2024-01-01T00:00:00", "2024-01-01T00:15:00 2024-01-01T00:30:00 2024-01-01T00:45:00 2024-01-01T01:00:00")]
    [InlineData("0 5 * * *", "2024-01-01T04:59:59", "2024-01-01T05:00:00 2024-01-02T05:00:00 2024-01-03T05:00:00 2024-01-04T05:00:00")]
    [InlineData("0 5 * * *", "2024-01-01T05:00:00", "2024-01-02T05:00:00 2024-01-03T05:00:00 2024-01-04T05:00:00 2024-01-05T05:00:00")]
    [InlineData("0 9-17/4 * * MON-FRI", "2024-01-05T12:00:00", "2024-01-05T13:00:00 2024-01-05T17:00:00 2024-01-08T09:00:00 2024-01-08T13:00:00")]
    [InlineData("10,30 15 * * * *", "2024-01-01T00:10:20", "2024-01-01T00:15:10 2024-01-01T00:15:30 2024-01-01T01:15:10 2024-01-01T01:15:30")]
    [InlineData("10,30 * 5 * * *", "2024-01-01T04:10:20", "2024-01-01T05:00:10 2024-01-01T05:00:30 2024-01-01T05:01:10 2024-01-01T05:01:30")]
    [InlineData("*/20 * * * * *", "2024-01-01T23:59:30", "2024-01-01T23:59:40 2024-01-02T00:00:00 2024-01-02T00:00:20 2024-01-02T00:00:40")]
    // Cronos requires both day fields when both are restricted (Fridays the 13th); the hand-written parser took either.
    [InlineData("0 0 13 * 5", "2024-10-01T00:00:00", "2024-12-13T00:00:00 2025-06-13T00:00:00 2026-02-13T00:00:00 2026-03-13T00:00:00")]
    [InlineData("0 0 13 * *", "2024-10-01T00:00:00", "2024-10-13T00:00:00 2024-11-13T00:00:00 2024-12-13T00:00:00 2025-01-13T00:00:00")]
    [InlineData("0 0 * * 7", "2024-01-01T00:00:00", "2024-01-07T00:00:00 2024-01-14T00:00:00 2024-01-21T00:00:00 2024-01-28T00:00:00")]
    [InlineData("0 0 * * 5-7", "2024-01-01T00:00:00", "2024-01-05T00:00:00 2024-01-06T00:00:00 2024-01-07T00:00:00 2024-01-12T00:00:00")]
    [InlineData("0 0 * * */2", "2024-01-01T00:00:00", "2024-01-02T00:00:00 2024-01-04T00:00:00 2024-01-06T00:00:00 2024-01-07T00:00:00")]
    [InlineData("0 0 29 2 *", "2024-03-01T00:00:00", "2028-02-29T00:00:00 2032-02-29T00:00:00 2036-02-29T00:00:00 2040-02-29T00:00:00")]
    [InlineData("0 0 29 2 *", "2096-03-01T00:00:00", "2104-02-29T00:00:00 2108-02-29T00:00:00 2112-02-29T00:00:00 2116-02-29T00:00:00")]
    [InlineData("0 0 31 * *", "2024-01-31T00:00:00", "2024-03-31T00:00:00 2024-05-31T00:00:00 2024-07-31T00:00:00 2024-08-31T00:00:00")]
    [InlineData("30 8 1,15 JAN,jul *", "2024-01-15T08:30:00", "2024-07-01T08:30:00 2024-07-15T08:30:00 2025-01-01T08:30:00 2025-01-15T08:30:00")]
    [InlineData("@weekly", "2024-01-01T00:00:00", "2024-01-07T00:00:00 2024-01-14T00:00:00 2024-01-21T00:00:00 2024-01-28T00:00:00")]
    [InlineData("@yearly", "2024-06-01T00:00:00", "2025-01-01T00:00:00 2026-01-01T00:00:00 2027-01-01T00:00:00 2028-01-01T00:00:00")]
    [InlineData("59 59 23 31 12 *", "2024-12-31T23:59:58", "2024-12-31T23:59:59 2025-12-31T23:59:59 2026-12-31T23:59:59 2027-12-31T23:59:59")]
    public void NextN_Expression_ReturnsItsOccurrences(string expression, string after, string expected)
    {
        var ticks = CronSchedule.Parse(expression).NextN(CronTime.Utc(after), 4);

        Assert.Equal(expected, string.Join(' ', ticks.Select(tick => CronTime.Format(tick.UtcDateTime))));
    }

    [Fact]
    public void Next_SubSecondBase_ReturnsNextWholeSecond()
    {
        var after = CronTime.Utc("2024-01-01T00:00:00").AddMilliseconds(500);

        Assert.Equal(CronTime.Utc("2024-01-01T00:00:01"), CronSchedule.Parse("* * * * * *").Next(after));
    }

    [Fact]
    public void Next_EndOfCalendar_ReturnsNull() =>
        Assert.Null(CronSchedule.Parse("0 0 1 1 *").Next(CronTime.Utc("9999-06-01T00:00:00")));

    [Fact]
    public void Next_RandomExpressions_MatchNaiveReference()
    {
        var random = new Random(20240331);
        for (var run = 0; run < 400; run++)
        {
            var expression = RandomCronExpression.Create(random);
            var parsed = CronSchedule.Parse(expression.Text);
            var cursor = new DateTime(2020, 1, 1).AddMinutes(random.Next(0, 5 * 365 * 24 * 60)).AddSeconds(random.Next(0, 60));
            foreach (var expected in expression.Reference(cursor).Take(5))
            {
                var actual = parsed.Next(new DateTimeOffset(cursor, TimeSpan.Zero))?.UtcDateTime;
                Assert.True(expected == actual, $"'{expression.Text}' after {CronTime.Format(cursor)}: expected {CronTime.Format(expected)}, got {actual}");
                cursor = expected;
            }
        }
    }
}
