using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>Resolves IANA time zone ids and maps wall-clock times to instants with the DST rules of docs/cron.md.</summary>
internal static partial class CronTimeZones
{
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

    /// <summary>The wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// The instant at which the wall clock of <paramref name="zone"/> shows <paramref name="local"/>. A time that occurs
    /// twice (fall-back overlap) maps to its first occurrence; a time that does not occur (spring-forward gap) maps to
    /// the first instant after the gap, i.e. the transition itself. The mapping never goes backwards as
    /// <paramref name="local"/> grows, which lets callers drop duplicates by comparing with the previous instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            return new DateTimeOffset(local - zone.GetAmbiguousTimeOffsets(local).Max(), TimeSpan.Zero);
        }

        return zone.IsInvalidTime(local)
            ? EndOfGap(local, zone)
            : new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
    }

    // Binary search, in whole seconds, for the first instant whose wall clock is at or after the skipped time. UTC
    // offsets lie within -12h..+14h, so the answer lies within local-15h..local+13h read as UTC, and tz rules have no
    // clock turned back within a day of a gap, so "wall clock >= local" is monotonic over that interval.
    private static DateTimeOffset EndOfGap(DateTime local, TimeZoneInfo zone)
    {
        var asUtc = local.Ticks / TimeSpan.TicksPerSecond;
        var before = asUtc - (15 * 3600);
        var atOrAfter = asUtc + (13 * 3600);
        while (atOrAfter - before > 1)
        {
            var middle = before + ((atOrAfter - before) / 2);
            if (ToLocal(Instant(middle), zone) >= local)
            {
                atOrAfter = middle;
            }
            else
            {
                before = middle;
            }
        }

        return Instant(atOrAfter);
    }

    private static DateTimeOffset Instant(long seconds) => new(seconds * TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
