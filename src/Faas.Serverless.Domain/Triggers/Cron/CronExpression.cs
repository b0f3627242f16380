using System.Diagnostics.CodeAnalysis;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>
/// A parsed cron expression: 5 fields (minute hour day-of-month month day-of-week), 6 fields with leading seconds,
/// or an @-shortcut. It matches wall-clock times; <see cref="CronSchedule"/> places it in a time zone.
/// </summary>
public sealed partial class CronExpression
{
    private const int MaxLength = 256;

    // A leap year, so that February offers its 29th.
    private const int LeapYear = 2000;

    private static readonly (string Name, string Expansion)[] Shortcuts =
    [
        ("@yearly", "0 0 1 1 *"),
        ("@annually", "0 0 1 1 *"),
        ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"),
        ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ];

    private readonly ulong _seconds;
    private readonly ulong _minutes;
    private readonly ulong _hours;
    private readonly ulong _daysOfMonth;
    private readonly ulong _months;
    private readonly ulong _daysOfWeek;

    // Standard (Vixie/POSIX) cron: when both day fields are restricted a day matches if either does.
    private readonly bool _eitherDay;

    private CronExpression(string text, bool hasSeconds, IReadOnlyList<ulong> masks)
    {
        Text = text;
        HasSeconds = hasSeconds;
        (_seconds, _minutes, _hours, _daysOfMonth, _months, _daysOfWeek) = (masks[0], masks[1], masks[2], masks[3], masks[4], masks[5]);
        _eitherDay = _daysOfMonth != CronField.DayOfMonth.All && _daysOfWeek != CronField.DayOfWeek.All;
    }

    /// <summary>The expression as given, trimmed.</summary>
    public string Text { get; }

    /// <summary>True for the 6-field form, whose first field is the second.</summary>
    public bool HasSeconds { get; }

    public static CronExpression Parse(string expression) =>
        TryParse(expression, out var result, out var error) ? result : throw new FormatException(error);

    /// <param name="error">A message that names the offending field, e.g. "field 2 (hour) '25' is out of range 0-23".</param>
    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronExpression? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var text = expression?.Trim() ?? string.Empty;
        error = text switch
        {
            "" => "the cron expression is empty",
            { Length: > MaxLength } => $"the cron expression is longer than {MaxLength} characters",
            ['@', ..] when Expand(text) is null =>
                $"'{text}' is not a supported shortcut; use one of {string.Join(", ", Shortcuts.Select(shortcut => shortcut.Name))}",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        var tokens = (Expand(text) ?? text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length is not (5 or 6))
        {
            error = $"expected 5 fields (minute hour day-of-month month day-of-week) or 6 with a leading second field, got {tokens.Length}";
            return false;
        }

        var fields = tokens.Length == 6 ? CronField.SixFields : CronField.FiveFields;
        var masks = new List<ulong>(capacity: 6);
        if (tokens.Length == 5)
        {
            // The five-field form fires at second 0.
            masks.Add(1UL);
        }

        for (var i = 0; i < tokens.Length; i++)
        {
            if (!CronFieldParser.TryParse(tokens[i], fields[i], i + 1, out var mask, out error))
            {
                return false;
            }

            masks.Add(mask);
        }

        result = new CronExpression(text, tokens.Length == 6, masks);
        error = result.NeverFiresError(tokens, dayPosition: tokens.Length - 2);
        if (error is not null)
        {
            result = null;
            return false;
        }

        return true;
    }

    public override string ToString() => Text;

    // With day-of-week unrestricted, days are chosen by day-of-month alone, and e.g. "30 2" (Feb 30) would leave the
    // occurrence search without an end; such an expression is refused.
    private string? NeverFiresError(string[] tokens, int dayPosition)
    {
        if (_daysOfWeek != CronField.DayOfWeek.All)
        {
            return null;
        }

        var possible = Enumerable.Range(1, 12)
            .Where(month => Has(_months, month))
            .Any(month => (_daysOfMonth & CronField.Mask(1, DateTime.DaysInMonth(LeapYear, month), 1)) != 0);
        return possible
            ? null
            : $"field {dayPosition} (day-of-month) '{tokens[dayPosition - 1]}' never occurs in month(s) '{tokens[dayPosition]}'";
    }

    private static string? Expand(string text) =>
        Shortcuts.FirstOrDefault(shortcut => string.Equals(shortcut.Name, text, StringComparison.OrdinalIgnoreCase)).Expansion;

    private static bool Has(ulong mask, int value) => (mask & (1UL << value)) != 0;
}
