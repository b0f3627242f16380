using System.Globalization;
using System.Text.RegularExpressions;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Triggers.Cron;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers;

public static partial class TriggerValidator
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>The schedule of a cron trigger with its window; null for an event trigger.</summary>
    public static CronSchedule? Schedule(TriggerSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Cron is not null && CronSchedule.TryParse(spec.Cron, spec.TimeZone, out var schedule, out _)
            ? schedule.WithWindow(spec.StartAt, spec.EndAt)
            : null;
    }

    private static TriggerSpec? ValidateCron(TriggerSpecRequest spec, FunctionSchema? function, TriggerRules rules, ValidationErrors errors)
    {
        RefuseFields(errors, "Event", ("resource", spec.Resource is not null), ("actions", spec.Actions is not null), ("filter", spec.Filter is not null), ("executionMode", spec.ExecutionMode is not null));
        if (spec.Cron is null)
        {
            errors.Add("spec.cron", "spec.cron is required for a Cron trigger, e.g. \"0 5 * * *\" (05:00 every day).");
        }

        // Times without an offset are wall-clock times of the trigger's zone, as the schedule itself is.
        var zone = CronTimeZones.TryResolve(spec.TimeZone, out var resolved, out _) ? resolved : TimeZoneInfo.Utc;
        var startAt = ParseInstant(spec.StartAt, zone, "spec.startAt", errors);
        var endAt = ParseInstant(spec.EndAt, zone, "spec.endAt", errors);
        var schedule = spec.Cron is null ? null : CronScheduleValidator.Validate(spec.Cron, spec.TimeZone, startAt, endAt, errors, "spec");
        if (schedule is not null && rules.MinCronInterval > TimeSpan.Zero && CronIntervals.ShortestGap(schedule, startAt ?? DateTimeOffset.UtcNow) is { } gap && gap < rules.MinCronInterval)
        {
            errors.Add("spec.cron", $"'{spec.Cron!.Trim()}' fires {gap.TotalSeconds:0.###} s apart; this host allows at most one tick every {rules.MinCronInterval.TotalSeconds:0.###} s (extensions.faas.triggers.minCronIntervalSeconds).");
            schedule = null;
        }

        CatchUpPolicy? catchUp = null;
        if (spec.CatchUp is not null)
        {
            if (Enum.TryParse<CatchUpPolicy>(spec.CatchUp, ignoreCase: true, out var policy) && Enum.IsDefined(policy) && !spec.CatchUp.Any(char.IsAsciiDigit))
            {
                catchUp = policy;
            }
            else
            {
                errors.Add("spec.catchUp", $"'{spec.CatchUp}' is not a catch-up policy; use FireLatest (the default), FireAll or Skip.");
            }
        }

        var input = spec.Input ?? [];
        if (function is not null)
        {
            errors.AddAll(InputValidator.Validate(function.Input, input, "spec.input"));
        }

        return schedule is null
            ? null
            : new TriggerSpec(null, null, null, null, input, new TriggerOperation(TriggerOperation.FunctionType, string.Empty, string.Empty), spec.Cron!.Trim(), string.IsNullOrWhiteSpace(spec.TimeZone) ? null : spec.TimeZone, startAt, endAt, catchUp);
    }

    private static DateTimeOffset? ParseInstant(string? value, TimeZoneInfo zone, string path, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (IsoDate().IsMatch(value) && DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? CronTimeZones.ToInstant(parsed, zone)
                : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        }

        errors.Add(path, $"'{value}' is not an ISO 8601 date-time, e.g. 2026-08-23T05:00:00Z (without an offset it is read in spec.timeZone).");
        return null;
    }
}
