using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>Resolves IANA time zone ids, and reads wall-clock times of a zone with the DST rules of the schedules.</summary>
internal static partial class CronTimeZones
{
    // UTC offsets lie within -12h..+14h: a wall time read as UTC is at most this far after its instant.
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(15);

    // Ids name files under /usr/share/zoneinfo, so only the IANA id shape is looked up (no rooted paths, no "..").
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IanaId();

    public static bool TryResolve(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        if (id.Length <= 64 && IanaId().IsMatch(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone))
        {
            return true;
        }

        zone = null;
        error = $"'{id}' is not a known IANA time zone id (e.g. Europe/Berlin, America/New_York, UTC)";
        return false;
    }

    /// <summary>
    /// The instant at which the wall clock of <paramref name="zone"/> first shows <paramref name="local"/>, read the way a
    /// schedule reads it: a repeated time is its first occurrence and a skipped time is the transition. Asking Cronos for
    /// the one-second, once-a-year schedule of that time keeps startAt/endAt on the very rules the ticks follow.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{local.Second} {local.Minute} {local.Hour} {local.Day} {local.Month} *");
        var from = new DateTimeOffset(local.Ticks > MaxOffset.Ticks ? local.Ticks - MaxOffset.Ticks : 0, TimeSpan.Zero);
        var instant = CronExpression.Parse(text, CronFormat.IncludeSeconds).GetNextOccurrence(from, zone, inclusive: true)
            ?? throw new ArgumentOutOfRangeException(nameof(local), local, "The time is beyond the calendar.");
        return instant.AddTicks(local.Ticks % TimeSpan.TicksPerSecond).ToUniversalTime();
    }
}
