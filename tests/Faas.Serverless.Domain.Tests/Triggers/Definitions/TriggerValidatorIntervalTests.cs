using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Triggers.Cron;
using Faas.Serverless.Domain.Validation;
using static Faas.Serverless.Domain.Tests.Triggers.Definitions.TriggerRequests;

namespace Faas.Serverless.Domain.Tests.Triggers.Definitions;

public sealed class TriggerValidatorIntervalTests
{
    private static readonly TriggerRules OneMinute = new(TimeSpan.FromMinutes(1));
    private static readonly DateTimeOffset From = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("* * * * * *", 1)]
    [InlineData("*/10 * * * * *", 10)]
    [InlineData("0,59 * * * * *", 1)]
    [InlineData("0 * * * * *", 60)]
    [InlineData("*/5 * * * *", 300)]
    [InlineData("0 0,1 * * *", 3600)]
    [InlineData("58 23 * * *", 86_400)]
    public void ShortestGap_Schedule_IsTheClosestTwoTicks(string cron, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), CronIntervals.ShortestGap(CronSchedule.Parse(cron), From));

    [Fact]
    public void ShortestGap_EverySecondOnlyOnOneDayOfTheMonth_IsFoundOnThatDay() =>
        Assert.Equal(TimeSpan.FromSeconds(1), CronIntervals.ShortestGap(CronSchedule.Parse("* * * 15 * *"), From));

    [Theory]
    [InlineData("* * * * * *")]
    [InlineData("*/30 * * * * *")]
    public void Validate_CronCloserThanTheMinimum_FailsAtSpecCron(string cron)
    {
        var failed = Assert.Throws<ValidationFailedException>(() => TriggerValidator.Validate(CronRequest(cron), Target, OneMinute));

        Assert.Contains("minCronIntervalSeconds", Assert.Single(failed.Errors.ToDictionary()["spec.cron"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CronAtTheMinimum_IsValid() =>
        Assert.Equal("* * * * *", TriggerValidator.Validate(CronRequest("* * * * *"), Target, OneMinute).Spec.Cron);

    [Fact]
    public void Validate_WithoutRules_AllowsEverySecond() =>
        Assert.Equal("* * * * * *", TriggerValidator.Validate(CronRequest("* * * * * *"), Target).Spec.Cron);
}
