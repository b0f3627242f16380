using Faas.Serverless.Domain.Triggers.Cron;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

public sealed class CronSyntaxTests
{
    private const string Prefix = "is not a valid cron expression: ";

    [Theory]
    [InlineData("* * * * *")]
    [InlineData("0 5 * * *")]
    [InlineData("  0   5 * *\t*  ")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 9-17/2 * * MON-FRI")]
    [InlineData("0,30 8,20 1,15 JAN,jul *")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 29 2 *")]
    [InlineData("59 23 31 12 6")]
    [InlineData("5/20 * * * *")]
    [InlineData("*/1 * * * *")]
    [InlineData("0 0 1-31/10 * *")]
    [InlineData("0 0 * * 0-7")]
    [InlineData("0 0 * * sun-sat")]
    [InlineData("30 0 5 * * *")]
    [InlineData("*/10 * * * * *")]
    [InlineData("0-59/30 0 0 1 1 0")]
    [InlineData("@hourly")]
    [InlineData("@DAILY")]
    [InlineData("@midnight")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    [InlineData("@every_minute")]
    [InlineData("@every_second")]
    // Cronos's extensions, refused by the hand-written parser: last day, nearest weekday, nth weekday, '?', wrapping ranges.
    [InlineData("0 0 L * *")]
    [InlineData("0 0 15W * *")]
    [InlineData("0 0 LW * *")]
    [InlineData("0 0 ? * MON")]
    [InlineData("0 0 * * 5L")]
    [InlineData("0 0 * * MON#2")]
    [InlineData("0 0 0 * * 1#2")]
    [InlineData("30-10 * * * *")]
    [InlineData("0 0 * * FRI-MON")]
    public void TryParse_ValidExpression_Succeeds(string expression)
    {
        Assert.True(CronSyntax.TryParse(expression, out var parsed, out var error), error);
        Assert.NotNull(parsed);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("30 0 5 * * *", "2024-01-01T05:00:30Z")]
    [InlineData("30 0 5 * *", "2024-01-05T00:30:00Z")]
    [InlineData("@every_second", "2024-01-01T00:00:01Z")]
    public void TryParse_SixFields_LeadWithSeconds(string expression, string first) =>
        Assert.Equal(CronTime.At(first), CronSchedule.Parse(expression).Next(CronTime.At("2024-01-01T00:00:00Z")));

    [Theory]
    [InlineData(null, "the cron expression is empty")]
    [InlineData("", "the cron expression is empty")]
    [InlineData("   ", "the cron expression is empty")]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field, got 4")]
    [InlineData("* * * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field, got 7")]
    public void TryParse_WrongShape_SaysWhat(string? expression, string expected)
    {
        Assert.False(CronSyntax.TryParse(expression, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("0 25 * * *", "Hours: Value must be a number between 0 and 23 (all inclusive).")]
    [InlineData("60 * * * *", "Minutes: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("0 0 0 * *", "Days of month: Value must be a number between 1 and 31 (all inclusive).")]
    [InlineData("0 0 32 * *", "Days of month: Value must be a number between 1 and 31 (all inclusive).")]
    [InlineData("0 0 * 13 *", "Months: Value must be a number between 1 and 12 (all inclusive).")]
    [InlineData("0 0 * 0 *", "Months: Value must be a number between 1 and 12 (all inclusive).")]
    [InlineData("0 0 * * 8", "Days of week: Value must be a number between 0 and 7 (all inclusive).")]
    [InlineData("60 * * * * *", "Seconds: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("0 0 25 * * *", "Hours: Value must be a number between 0 and 23 (all inclusive).")]
    [InlineData("99999999999 * * * *", "Minutes: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("a * * * *", "Minutes: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("0 0 * FOO *", "Months: Value must be a number between 1 and 12 (all inclusive).")]
    [InlineData("0 0 * * MONDAY", "Days of week: Unexpected character 'D'.")]
    [InlineData("0 0 MON * *", "Days of month: Value must be a number between 1 and 31 (all inclusive).")]
    [InlineData("1,,2 * * * *", "Minutes: Value must be a number between 0 and 59 (all inclusive).")]
    [InlineData("1-2-3 * * * *", "Minutes: Unexpected character '-'.")]
    [InlineData("*/0 * * * *", "Minutes: Value must be a number between 1 and 59 (all inclusive).")]
    [InlineData("*/60 * * * *", "Minutes: Value must be a number between 1 and 59 (all inclusive).")]
    [InlineData("*/x * * * *", "Minutes: Value must be a number between 1 and 59 (all inclusive).")]
    [InlineData("0 0 5L * *", "Days of month: Unexpected character 'L'.")]
    [InlineData("@reboot", "Macro: Unexpected character 'r' on position 1.")]
    public void TryParse_InvalidField_NamesTheFieldAndTheProblem(string expression, string expected)
    {
        Assert.False(CronSyntax.TryParse(expression, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal($"'{expression.Trim()}' {Prefix}{expected}", error);
    }

    [Fact]
    public void TryParse_TooLong_IsRefused()
    {
        Assert.False(CronSyntax.TryParse(string.Join(',', Enumerable.Repeat("1", 200)) + " * * * *", out _, out var error));
        Assert.Equal("the cron expression is longer than 256 characters", error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithMessage()
    {
        var exception = Assert.Throws<FormatException>(() => CronSchedule.Parse("0 24 * * *"));
        Assert.Equal($"'0 24 * * *' {Prefix}Hours: Value must be a number between 0 and 23 (all inclusive).", exception.Message);
    }
}
