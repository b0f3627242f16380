using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>Checks the schedule part of a cron trigger spec at creation, reporting every problem under its field path.</summary>
public static class CronScheduleValidator
{
    /// <param name="prefix">The path of the spec object in the request, e.g. "spec" gives "spec.cron".</param>
    /// <param name="now">Where the "never fires" check starts when there is no startAt.</param>
    /// <returns>The schedule with its window, or null when <paramref name="errors"/> received a problem.</returns>
    public static CronSchedule? Validate(string? cron, string? timeZone, DateTimeOffset? startAt, DateTimeOffset? endAt, ValidationErrors errors, string prefix = "spec", DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(prefix);
        var syntaxValid = CronSyntax.TryParse(cron, out _, out var cronError);
        if (!syntaxValid)
        {
            errors.Add($"{prefix}.cron", cronError!);
        }

        if (!CronTimeZones.TryResolve(timeZone, out _, out var zoneError))
        {
            errors.Add($"{prefix}.timeZone", zoneError);
        }

        var windowValid = !(startAt is { } start && endAt is { } end && end <= start);
        if (!windowValid)
        {
            errors.Add($"{prefix}.endAt", "must be after startAt");
        }

        if (!syntaxValid || zoneError is not null || !windowValid)
        {
            return null;
        }

        var unbounded = CronSchedule.Parse(cron!, timeZone);
        var from = (startAt ?? now ?? DateTimeOffset.UtcNow).AddTicks(-1);
        if (unbounded.Next(from) is null)
        {
            // Cronos accepts days that no month has (February 30th); such a schedule would sit silent for ever.
            errors.Add($"{prefix}.cron", $"'{unbounded.Text}' never fires: no date matches its day-of-month, month and day-of-week fields");
            return null;
        }

        var schedule = unbounded.WithWindow(startAt, endAt);
        if (startAt is { } first && endAt is not null && schedule.Next(first.AddTicks(-1)) is null)
        {
            errors.Add($"{prefix}.endAt", $"the schedule '{schedule.Text}' has no tick between startAt and endAt");
            return null;
        }

        return schedule;
    }
}
