using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>
/// A Cronos expression placed in an IANA time zone, optionally limited to a window [StartAt, EndAt]. Its occurrences
/// are UTC instants in strictly increasing order; DST gaps and overlaps follow Cronos's rules (docs/cron.md).
/// </summary>
public sealed class CronSchedule
{
    /// <summary>The longest delay <see cref="DelayUntilNext"/> returns: Task.Delay refuses ~49.7 days and more, and a
    /// dispatcher that wakes at least daily notices host clock corrections.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly CronExpression _expression;

    private CronSchedule(string text, CronExpression expression, TimeZoneInfo timeZone, DateTimeOffset? startAt, DateTimeOffset? endAt)
    {
        Text = text;
        _expression = expression;
        TimeZone = timeZone;
        StartAt = startAt;
        EndAt = endAt;
    }

    /// <summary>The expression as given, trimmed.</summary>
    public string Text { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>No tick before this instant (inclusive bound); null for no lower bound.</summary>
    public DateTimeOffset? StartAt { get; }

    /// <summary>No tick after this instant (inclusive bound); null for no upper bound.</summary>
    public DateTimeOffset? EndAt { get; }

    /// <param name="timeZone">An IANA id such as Europe/Berlin; null or blank means UTC.</param>
    /// <param name="error">What is wrong with the expression or the time zone.</param>
    public static bool TryParse(string? expression, string? timeZone, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        if (!CronSyntax.TryParse(expression, out var parsed, out error) || !CronTimeZones.TryResolve(timeZone, out var zone, out error))
        {
            return false;
        }

        schedule = new CronSchedule(expression!.Trim(), parsed, zone, null, null);
        return true;
    }

    public static CronSchedule Parse(string expression, string? timeZone = null) =>
        TryParse(expression, timeZone, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>The same schedule limited to [startAt, endAt]; both bounds are inclusive and optional.</summary>
    /// <exception cref="ArgumentException">endAt is not after startAt.</exception>
    public CronSchedule WithWindow(DateTimeOffset? startAt, DateTimeOffset? endAt)
    {
        if (startAt is { } start && endAt is { } end && end <= start)
        {
            throw new ArgumentException($"endAt ({end:O}) must be after startAt ({start:O}).", nameof(endAt));
        }

        return new CronSchedule(Text, _expression, TimeZone, startAt, endAt);
    }

    /// <summary>The ticks after <paramref name="afterExclusive"/> up to <paramref name="untilInclusive"/> (or without end),
    /// within the window, as UTC instants in increasing order; enumeration is lazy.</summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset afterExclusive, DateTimeOffset? untilInclusive = null)
    {
        var (from, inclusive) = StartAt is { } start && start > afterExclusive ? (start, true) : (afterExclusive, false);
        var until = (untilInclusive, EndAt) switch
        {
            ({ } a, { } b) => a < b ? a : b,
            (var a, var b) => a ?? b,
        };
        return Enumerate(from, inclusive, until);
    }

    /// <summary>The first tick after <paramref name="after"/>, or null when the window has ended.</summary>
    public DateTimeOffset? Next(DateTimeOffset after)
    {
        foreach (var tick in Occurrences(after))
        {
            return tick;
        }

        return null;
    }

    /// <summary>Up to <paramref name="count"/> ticks after <paramref name="after"/> (fewer when the window ends).</summary>
    public IReadOnlyList<DateTimeOffset> NextN(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Occurrences(after).Take(count).ToList();
    }

    /// <summary>
    /// How long to sleep from <paramref name="now"/> until the next tick, rounded up to whole milliseconds so that a
    /// timer never wakes before the tick, and capped at <see cref="MaxDelay"/>; <see cref="Timeout.InfiniteTimeSpan"/>
    /// when no tick remains.
    /// </summary>
    public TimeSpan DelayUntilNext(DateTimeOffset now)
    {
        if (Next(now) is not { } next)
        {
            return Timeout.InfiniteTimeSpan;
        }

        var ticks = (next - now).Ticks;
        var milliseconds = (ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        var delay = TimeSpan.FromMilliseconds(milliseconds);
        return delay < MaxDelay ? delay : MaxDelay;
    }

    public override string ToString() => $"{Text} ({TimeZone.Id})";

    private IEnumerable<DateTimeOffset> Enumerate(DateTimeOffset from, bool inclusive, DateTimeOffset? until)
    {
        while (_expression.GetNextOccurrence(from, TimeZone, inclusive) is { } next && !(next > until))
        {
            yield return next.ToUniversalTime();
            from = next;
            inclusive = false;
        }
    }
}
