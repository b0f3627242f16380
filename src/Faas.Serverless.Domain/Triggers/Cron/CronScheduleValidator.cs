using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>Checks the schedule part of a cron trigger spec at creation, reporting every problem under its field path.</summary>
public static class CronScheduleValidator
{
    /// <param name="prefix">The path of the spec object in the request, e.g. "spec" gives "spec.cron".</param>
    /// <returns>The schedule with its window, or null when <paramref name="errors"/> received a problem.</returns>
    public static CronSchedule? Validate(string? cron, string? timeZone, DateTimeOffset? startAt, DateTimeOffset? endAt, ValidationErrors errors, string prefix = "spec")
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(prefix);
        if (!CronExpression.TryParse(cron, out var expression, out var cronError))
        {
            errors.Add($"{prefix}.cron", cronError);
        }

        if (!CronTimeZones.TryResolve(timeZone, out var zone, out var zoneError))
        {
            errors.Add($"{prefix}.timeZone", zoneError);
        }

        var windowValid = !(startAt is { } start && endAt is { } end && end <= start);
        if (!windowValid)
        {
            errors.Add($"{prefix}.endAt", "must be after startAt");
        }

        if (expression is null || zone is null || !windowValid)
        {
            return null;
        }

        var schedule = CronSchedule.Create(expression, zone).WithWindow(startAt, endAt);
        if (startAt is { } first && endAt is not null && schedule.Next(first.AddTicks(-1)) is null)
        {
            errors.Add($"{prefix}.endAt", $"the schedule '{expression.Text}' has no tick between startAt and endAt");
            return null;
        }

        return schedule;
    }
}
