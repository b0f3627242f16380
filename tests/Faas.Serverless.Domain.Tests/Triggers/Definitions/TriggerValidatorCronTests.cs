using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Definitions.TriggerRequests;
using static Faas.Serverless.Domain.Tests.Triggers.Definitions.TriggerValidatorEventTests;

namespace Faas.Serverless.Domain.Tests.Triggers.Definitions;

public sealed class TriggerValidatorCronTests
{
    [Fact]
    public void Validate_SeedCronWithWindow_KeepsTheWindowInUtc()
    {
        var valid = TriggerValidator.Validate(CronRequest("0 5 * * *", startAt: "2020-08-23T00:00:00Z", endAt: "2024-08-23T02:00:00+02:00"), Target);

        Assert.Equal(TriggerType.Cron, valid.Type);
        Assert.Equal(new DateTimeOffset(2020, 8, 23, 0, 0, 0, TimeSpan.Zero), valid.Spec.StartAt);
        Assert.Equal(new DateTimeOffset(2024, 8, 23, 0, 0, 0, TimeSpan.Zero), valid.Spec.EndAt);
        Assert.Null(valid.Spec.Resource);
        Assert.Null(valid.Spec.Filter);
        Assert.Equal("nightly", valid.Spec.Operation.FunctionName);
    }

    [Fact]
    public void Validate_StartAtWithoutOffset_IsReadInTheTimeZone()
    {
        var valid = TriggerValidator.Validate(CronRequest("0 5 * * *", "Europe/Berlin", startAt: "2026-07-01T05:00:00"), Target);

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 3, 0, 0, TimeSpan.Zero), valid.Spec.StartAt);
    }

    [Fact]
    public void Validate_TypeAbsentWithCron_IsCron()
    {
        Assert.Equal(TriggerType.Cron, TriggerValidator.Validate(CronRequest("* * * * * *") with { Type = null }, Target).Type);
    }

    [Theory]
    [InlineData("0 25 * * *", null, null, null, "spec.cron")]
    [InlineData("", null, null, null, "spec.cron")]
    [InlineData("0 5 * * *", "Mars/Olympus_Mons", null, null, "spec.timeZone")]
    [InlineData("0 5 * * *", null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", "spec.endAt")]
    [InlineData("0 5 * * *", null, "yesterday", null, "spec.startAt")]
    [InlineData("0 5 * * *", null, null, "01/02/2026", "spec.endAt")]
    public void Validate_BadSchedule_Returns400AtTheField(string cron, string? zone, string? startAt, string? endAt, string field)
    {
        Assert.Contains(field, Errors(CronRequest(cron, zone, startAt, endAt)).Keys);
    }

    [Fact]
    public void Validate_CronWithMissingInput_Returns400AtTheInput()
    {
        Assert.Contains("spec.input.key", Errors(CronRequest("* * * * *", input: [])).Keys);
    }

    [Fact]
    public void Validate_CronWithEventFields_Returns400AtEach()
    {
        var request = CronRequest("* * * * *");
        request = request with { Spec = request.Spec! with { Resource = "Item", Actions = ["Created"], ExecutionMode = "Once", Filter = Json("{}") } };

        var errors = Errors(request);

        Assert.Equal(["spec.actions", "spec.executionMode", "spec.filter", "spec.resource"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("fireall", CatchUpPolicy.FireAll)]
    [InlineData("Skip", CatchUpPolicy.Skip)]
    public void Validate_CatchUp_IsParsed(string value, CatchUpPolicy expected)
    {
        var request = CronRequest("* * * * *");

        Assert.Equal(expected, TriggerValidator.Validate(request with { Spec = request.Spec! with { CatchUp = value } }, Target).Spec.CatchUp);
    }

    [Fact]
    public void Validate_UnknownCatchUp_Returns400()
    {
        var request = CronRequest("* * * * *");

        Assert.Contains("spec.catchUp", Errors(request with { Spec = request.Spec! with { CatchUp = "2" } }).Keys);
    }

    [Fact]
    public void Schedule_CronSpec_GivesTheTicksInsideTheWindow()
    {
        var valid = TriggerValidator.Validate(CronRequest("0 5 * * *", startAt: "2026-01-01T00:00:00Z", endAt: "2026-01-03T06:00:00Z"), Target);

        var ticks = TriggerValidator.Schedule(valid.Spec)!.NextN(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 5);

        Assert.Equal([1, 2, 3], ticks.Select(tick => tick.Day));
    }
}
