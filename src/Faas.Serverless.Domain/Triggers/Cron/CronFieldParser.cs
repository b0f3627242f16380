using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>Parses one cron field (a comma list of <c>*</c>, values, ranges and steps) into a bit mask.</summary>
internal static partial class CronFieldParser
{
    // Quartz-only syntax is recognised so that the message can say why it is refused instead of "not a number".
    [GeneratedRegex(@"^(\?|L|LW|L-\d+|\d+[LW]|\w+#\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuartzExtension();

    /// <param name="position">The 1-based position of the field in the expression, for the message.</param>
    public static bool TryParse(string text, CronField field, int position, out ulong mask, [NotNullWhen(false)] out string? error)
    {
        mask = 0;
        foreach (var item in text.Split(','))
        {
            var result = ParseItem(item, field);
            if (result.Error is { } problem)
            {
                error = $"field {position} ({field.Name}) {problem}";
                return false;
            }

            mask |= result.Mask;
        }

        mask = field.Normalize(mask);
        error = null;
        return true;
    }

    private static ItemResult ParseItem(string item, CronField field)
    {
        if (item.Length == 0)
        {
            return ItemResult.Fail("has an empty list item");
        }

        if (QuartzExtension().IsMatch(item))
        {
            return ItemResult.Fail($"'{item}' is not supported: L, W, # and ? are Quartz extensions, not standard cron");
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0 && !(TryNumber(item[(slash + 1)..], out step) && step >= 1 && step <= field.Max))
        {
            return ItemResult.Fail($"'{item}' has step '{item[(slash + 1)..]}', which is not a number in 1-{field.Max}");
        }

        if (range == "*")
        {
            return ItemResult.Ok(CronField.Mask(field.Min, field.ImplicitMax, step));
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            // "a/step" runs from a to the end of the field, as in most cron implementations.
            return ParseValue(range, field, out var single) is { } valueError
                ? ItemResult.Fail(valueError)
                : ItemResult.Ok(CronField.Mask(single, slash < 0 ? single : field.ImplicitMax, step));
        }

        if (dash == 0 || dash == range.Length - 1 || range.IndexOf('-', dash + 1) >= 0)
        {
            return ItemResult.Fail($"'{item}' is not a value or a range");
        }

        if (ParseValue(range[..dash], field, out var from) is { } fromError)
        {
            return ItemResult.Fail(fromError);
        }

        if (ParseValue(range[(dash + 1)..], field, out var to) is { } toError)
        {
            return ItemResult.Fail(toError);
        }

        return from > to
            ? ItemResult.Fail($"'{item}' is a range whose start is after its end (ranges do not wrap around)")
            : ItemResult.Ok(CronField.Mask(from, to, step));
    }

    private static string? ParseValue(string text, CronField field, out int value)
    {
        if (text.Length > 0 && text.All(char.IsAsciiDigit))
        {
            return TryNumber(text, out value) && value >= field.Min && value <= field.Max
                ? null
                : $"'{text}' is out of range {field.Min}-{field.Max}";
        }

        var index = field.Names.ToList().FindIndex(name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
        value = field.Min + index;
        if (index >= 0)
        {
            return null;
        }

        return field.Names.Count == 0
            ? $"'{text}' is not a number in {field.Min}-{field.Max}"
            : $"'{text}' is not a number in {field.Min}-{field.Max} or a name {field.Names[0]}-{field.Names[^1]}";
    }

    // Digits only (no sign, no spaces); the length cap keeps int parsing from overflowing on silly input.
    private static bool TryNumber(string text, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 4
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private readonly record struct ItemResult(ulong Mask, string? Error)
    {
        public static ItemResult Ok(ulong mask) => new(mask, null);

        public static ItemResult Fail(string error) => new(0, error);
    }
}
