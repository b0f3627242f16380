using Faas.Serverless.Domain.Triggers.Cron;
using Faas.Serverless.Domain.Validation;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

public sealed class CronScheduleValidatorTests
{
    [Fact]
    public void Validate_ValidSpec_ReturnsScheduleWithWindowAndNoErrors()
    {
        var errors = new ValidationErrors();

        var schedule = CronScheduleValidator.Validate("0 5 * * *", "Europe/Berlin", At("2024-01-01T00:00:00Z"), At("2024-02-01T00:00:00Z"), errors);

        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.NotNull(schedule);
        Assert.Equal("Europe/Berlin", schedule.TimeZone.Id);
        Assert.Equal(At("2024-01-01T04:00:00Z"), schedule.Next(At("2023-01-01T00:00:00Z")));
        Assert.Equal(At("2024-02-01T00:00:00Z"), schedule.EndAt);
    }

    [Fact]
    public void Validate_NoZoneNoWindow_UsesUtcAndNoBounds()
    {
        var schedule = CronScheduleValidator.Validate("*/15 * * * *", null, null, null, new ValidationErrors());

        Assert.NotNull(schedule);
        Assert.Equal(TimeZoneInfo.Utc.Id, schedule.TimeZone.Id);
        Assert.Null(schedule.StartAt);
        Assert.Null(schedule.EndAt);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEachFieldAtOnce()
    {
        var errors = new ValidationErrors();

        var schedule = CronScheduleValidator.Validate("0 25 * * *", "Mars/Olympus_Mons", At("2024-02-01T00:00:00Z"), At("2024-01-01T00:00:00Z"), errors);

        Assert.Null(schedule);
        var byPath = errors.ToDictionary();
        Assert.Equal(["'0 25 * * *' is not a valid cron expression: Hours: Value must be a number between 0 and 23 (all inclusive)."], byPath["spec.cron"]);
        Assert.Equal(["'Mars/Olympus_Mons' is not a known IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC)"], byPath["spec.timeZone"]);
        Assert.Equal(["must be after startAt"], byPath["spec.endAt"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_MissingCron_ReportsCron(string? cron)
    {
        var errors = new ValidationErrors();

        Assert.Null(CronScheduleValidator.Validate(cron, null, null, null, errors, "triggers[0].spec"));
        Assert.Equal(["the cron expression is empty"], errors.ToDictionary()["triggers[0].spec.cron"]);
    }

    [Fact]
    public void Validate_EqualStartAndEnd_ReportsEndAt()
    {
        var errors = new ValidationErrors();

        Assert.Null(CronScheduleValidator.Validate("* * * * *", null, At("2024-01-01T00:00:00Z"), At("2024-01-01T00:00:00Z"), errors));
        Assert.Equal(["spec.endAt"], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Validate_NoTickInsideWindow_ReportsEndAt()
    {
        var errors = new ValidationErrors();

        var schedule = CronScheduleValidator.Validate("0 5 * * *", "UTC", At("2024-01-01T06:00:00Z"), At("2024-01-02T04:59:59Z"), errors);

        Assert.Null(schedule);
        Assert.Equal(["the schedule '0 5 * * *' has no tick between startAt and endAt"], errors.ToDictionary()["spec.endAt"]);
    }

    [Fact]
    public void Validate_TickExactlyOnWindowBounds_IsAccepted()
    {
        var errors = new ValidationErrors();

        var schedule = CronScheduleValidator.Validate("0 5 * * *", null, At("2024-01-01T05:00:00Z"), At("2024-01-01T05:00:01Z"), errors);

        Assert.NotNull(schedule);
        Assert.Equal([At("2024-01-01T05:00:00Z")], schedule.NextN(At("2023-01-01T00:00:00Z"), 5));
    }

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 APR,JUN,SEP,NOV *")]
    [InlineData("0 0 0 31 2 *")]
    public void Validate_DayNoMonthHas_ReportsCronNeverFires(string cron)
    {
        var errors = new ValidationErrors();

        Assert.Null(CronScheduleValidator.Validate(cron, null, null, null, errors, now: At("2024-01-01T00:00:00Z")));
        Assert.Equal([$"'{cron}' never fires: no date matches its day-of-month, month and day-of-week fields"], errors.ToDictionary()["spec.cron"]);
    }
}
