using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// A plain string. Two strings that both read as ISO-8601 timestamps compare as instants
/// (<c>…T10:00:00Z</c> equals <c>…T12:00:00+02:00</c>); otherwise strings compare ordinally, case-sensitively.
/// </summary>
internal sealed class StringLiteral : DqlLiteral
{
    private readonly string _value;
    private readonly long? _instant;

    public StringLiteral(string value)
    {
        _value = value;
        _instant = IsoInstant.TryParse(value, out var ticks) ? ticks : null;
    }

    public override bool Matches(JsonElement candidate)
    {
        if (candidate.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        if (_instant is not { } instant)
        {
            return candidate.ValueEquals(_value);
        }

        // Ordinally equal strings would both be timestamps, so a non-timestamp candidate is simply unequal.
        Span<char> scratch = stackalloc char[JsonText.StackChars];
        using var text = new JsonText(candidate, scratch);
        return IsoInstant.TryParse(text.Chars, out var ticks) && ticks == instant;
    }

    public override int? CompareCandidate(JsonElement candidate)
    {
        if (candidate.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        Span<char> scratch = stackalloc char[JsonText.StackChars];
        using var text = new JsonText(candidate, scratch);
        return _instant is { } instant && IsoInstant.TryParse(text.Chars, out var ticks)
            ? Math.Sign(ticks.CompareTo(instant))
            : Math.Sign(text.Chars.SequenceCompareTo(_value));
    }
}

/// <summary>A string with glob metacharacters, used by $eq, $ne, $in and $nin; it never orders.</summary>
internal sealed class GlobLiteral(GlobPattern pattern) : DqlLiteral
{
    public override bool Matches(JsonElement candidate)
    {
        if (candidate.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        Span<char> scratch = stackalloc char[JsonText.StackChars];
        using var text = new JsonText(candidate, scratch);
        return pattern.IsMatch(text.Chars);
    }
}
