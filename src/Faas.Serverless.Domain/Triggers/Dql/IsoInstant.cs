namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// Recognises the timestamps resources carry (<c>2024-05-01T10:00:00Z</c>, <c>2026-11-21T09:55:39.0249273+00:00</c>,
/// Python's offset-less <c>2020-08-23T00:00:00</c>) and nothing looser, so that ordinary strings such as
/// <c>"2024"</c> never turn into dates. Hand-written to parse a span without allocating.
/// </summary>
internal static class IsoInstant
{
    private const int FractionDigits = 7;

    /// <summary>
    /// <c>yyyy-MM-ddTHH:mm:ss</c>, optional <c>.fraction</c> (any length, kept to 100 ns), optional <c>Z</c> or
    /// <c>±HH:mm</c>; no offset means UTC.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long utcTicks)
    {
        utcTicks = 0;
        if (text.Length < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !TryDigits(text, 0, 4, out var year) || !TryDigits(text, 5, 2, out var month) || !TryDigits(text, 8, 2, out var day)
            || !TryDigits(text, 11, 2, out var hour) || !TryDigits(text, 14, 2, out var minute) || !TryDigits(text, 17, 2, out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var position = 19;
        var fraction = ReadFraction(text, ref position);
        if (fraction < 0 || !TryReadOffset(text[position..], out var offsetMinutes))
        {
            return false;
        }

        utcTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction
            - (offsetMinutes * TimeSpan.TicksPerMinute);
        return true;
    }

    /// <returns>Ticks of the fraction, 0 when there is none, -1 when a dot has no digits.</returns>
    private static long ReadFraction(ReadOnlySpan<char> text, ref int position)
    {
        if (position == text.Length || text[position] != '.')
        {
            return 0;
        }

        var start = ++position;
        long ticks = 0;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            if (position - start < FractionDigits)
            {
                ticks = (ticks * 10) + (text[position] - '0');
            }

            position++;
        }

        var digits = Math.Min(position - start, FractionDigits);
        for (var padding = digits; padding < FractionDigits; padding++)
        {
            ticks *= 10;
        }

        return digits == 0 ? -1 : ticks;
    }

    private static bool TryReadOffset(ReadOnlySpan<char> text, out int minutes)
    {
        minutes = 0;
        if (text.IsEmpty || text is "Z")
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !TryDigits(text, 1, 2, out var hours) || !TryDigits(text, 4, 2, out var rest) || hours > 14 || rest > 59)
        {
            return false;
        }

        minutes = (text[0] == '-' ? -1 : 1) * ((hours * 60) + rest);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        foreach (var c in text.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
