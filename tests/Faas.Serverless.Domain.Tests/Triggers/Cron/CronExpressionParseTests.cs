using Faas.Serverless.Domain.Triggers.Cron;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

public sealed class CronExpressionParseTests
{
    [Theory]
    [InlineData("* * * * *", false)]
    [InlineData("0 5 * * *", false)]
    [InlineData("  0   5 * *\t*  ", false)]
    [InlineData("*/15 * * * *", false)]
    [InlineData("0 9-17/2 * * MON-FRI", false)]
    [InlineData("0,30 8,20 1,15 JAN,jul *", false)]
    [InlineData("0 0 * * 7", false)]
    [InlineData("0 0 29 2 *", false)]
    [InlineData("59 23 31 12 6", false)]
    [InlineData("5/20 * * * *", false)]
    [InlineData("*/1 * * * *", false)]
    [InlineData("0 0 1-31/10 * *", false)]
    [InlineData("0 0 * * 0-7", false)]
    [InlineData("0 0 * * sun-sat", false)]
    [InlineData("30 0 5 * * *", true)]
    [InlineData("*/10 * * * * *", true)]
    [InlineData("0-59/30 0 0 1 1 0", true)]
    [InlineData("@hourly", false)]
    [InlineData("@DAILY", false)]
    [InlineData("@midnight", false)]
    [InlineData("@weekly", false)]
    [InlineData("@monthly", false)]
    [InlineData("@yearly", false)]
    [InlineData("@annually", false)]
    public void TryParse_ValidExpression_Succeeds(string expression, bool hasSeconds)
    {
        Assert.True(CronExpression.TryParse(expression, out var parsed, out var error), error);
        Assert.Null(error);
        Assert.Equal(hasSeconds, parsed.HasSeconds);
        Assert.Equal(expression.Trim(), parsed.Text);
    }

    [Theory]
    [InlineData(null, "the cron expression is empty")]
    [InlineData("", "the cron expression is empty")]
    [InlineData("   ", "the cron expression is empty")]
    [InlineData("* * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field, got 4")]
    [InlineData("* * * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field, got 7")]
    [InlineData("0 25 * * *", "field 2 (hour) '25' is out of range 0-23")]
    [InlineData("60 * * * *", "field 1 (minute) '60' is out of range 0-59")]
    [InlineData("0 0 0 * *", "field 3 (day-of-month) '0' is out of range 1-31")]
    [InlineData("0 0 32 * *", "field 3 (day-of-month) '32' is out of range 1-31")]
    [InlineData("0 0 * 13 *", "field 4 (month) '13' is out of range 1-12")]
    [InlineData("0 0 * 0 *", "field 4 (month) '0' is out of range 1-12")]
    [InlineData("0 0 * * 8", "field 5 (day-of-week) '8' is out of range 0-7")]
    [InlineData("60 * * * * *", "field 1 (second) '60' is out of range 0-59")]
    [InlineData("0 0 25 * * *", "field 3 (hour) '25' is out of range 0-23")]
    [InlineData("99999999999 * * * *", "field 1 (minute) '99999999999' is out of range 0-59")]
    [InlineData("a * * * *", "field 1 (minute) 'a' is not a number in 0-59")]
    [InlineData("0 0 * FOO *", "field 4 (month) 'FOO' is not a number in 1-12 or a name JAN-DEC")]
    [InlineData("0 0 * * MONDAY", "field 5 (day-of-week) 'MONDAY' is not a number in 0-7 or a name SUN-SAT")]
    [InlineData("0 0 MON * *", "field 3 (day-of-month) 'MON' is not a number in 1-31")]
    [InlineData("1,,2 * * * *", "field 1 (minute) has an empty list item")]
    [InlineData("1, * * * *", "field 1 (minute) has an empty list item")]
    [InlineData("-1 * * * *", "field 1 (minute) '-1' is not a value or a range")]
    [InlineData("1- * * * *", "field 1 (minute) '1-' is not a value or a range")]
    [InlineData("1-2-3 * * * *", "field 1 (minute) '1-2-3' is not a value or a range")]
    [InlineData("30-10 * * * *", "field 1 (minute) '30-10' is a range whose start is after its end (ranges do not wrap around)")]
    [InlineData("0 0 * * FRI-MON", "field 5 (day-of-week) 'FRI-MON' is a range whose start is after its end (ranges do not wrap around)")]
    [InlineData("*/0 * * * *", "field 1 (minute) '*/0' has step '0', which is not a number in 1-59")]
    [InlineData("*/60 * * * *", "field 1 (minute) '*/60' has step '60', which is not a number in 1-59")]
    [InlineData("*/x * * * *", "field 1 (minute) '*/x' has step 'x', which is not a number in 1-59")]
    [InlineData("*/ * * * *", "field 1 (minute) '*/' has step '', which is not a number in 1-59")]
    [InlineData("*/-2 * * * *", "field 1 (minute) '*/-2' has step '-2', which is not a number in 1-59")]
    [InlineData("0 0 L * *", "field 3 (day-of-month) 'L' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 15W * *", "field 3 (day-of-month) '15W' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 LW * *", "field 3 (day-of-month) 'LW' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 ? * MON", "field 3 (day-of-month) '?' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 * * 5L", "field 5 (day-of-week) '5L' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 * * MON#2", "field 5 (day-of-week) 'MON#2' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 0 * * 1#2", "field 6 (day-of-week) '1#2' is not supported: L, W, # and ? are Quartz extensions, not standard cron")]
    [InlineData("0 0 30 2 *", "field 3 (day-of-month) '30' never occurs in month(s) '2'")]
    [InlineData("0 0 31 APR,JUN,SEP,NOV *", "field 3 (day-of-month) '31' never occurs in month(s) 'APR,JUN,SEP,NOV'")]
    [InlineData("0 0 0 31 2 *", "field 4 (day-of-month) '31' never occurs in month(s) '2'")]
    [InlineData("@reboot", "'@reboot' is not a supported shortcut; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly")]
    public void TryParse_InvalidExpression_NamesTheProblem(string? expression, string expected)
    {
        Assert.False(CronExpression.TryParse(expression, out var parsed, out var error));
        Assert.Null(parsed);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryParse_TooLong_IsRefused()
    {
        Assert.False(CronExpression.TryParse(string.Join(',', Enumerable.Repeat("1", 200)) + " * * * *", out _, out var error));
        Assert.Equal("the cron expression is longer than 256 characters", error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithMessage()
    {
        var exception = Assert.Throws<FormatException>(() => CronExpression.Parse("0 24 * * *"));
        Assert.Equal("field 2 (hour) '24' is out of range 0-23", exception.Message);
    }
}
