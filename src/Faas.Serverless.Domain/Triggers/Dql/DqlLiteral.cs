using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>A value written in a filter, compiled for type-aware comparison with resource values.</summary>
internal abstract class DqlLiteral
{
    /// <summary>Equality as <c>$eq</c> and <c>$in</c> see it; a missing value is <see cref="JsonValueKind.Undefined"/>.</summary>
    public abstract bool Matches(JsonElement candidate);

    /// <summary>The sign of (candidate − literal), or null when the two are not of one ordered type.</summary>
    public virtual int? CompareCandidate(JsonElement candidate) => null;
}

/// <summary>Matches null, and a missing field unless nested in a literal object or array (where keys must be present).</summary>
internal sealed class NullLiteral : DqlLiteral
{
    public static readonly NullLiteral Instance = new();

    private NullLiteral()
    {
    }

    public override bool Matches(JsonElement candidate) => candidate.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
}

/// <summary>Booleans are ordered false &lt; true.</summary>
internal sealed class BoolLiteral(bool value) : DqlLiteral
{
    public override bool Matches(JsonElement candidate) => candidate.ValueKind == (value ? JsonValueKind.True : JsonValueKind.False);

    public override int? CompareCandidate(JsonElement candidate) => candidate.ValueKind switch
    {
        JsonValueKind.True => value ? 0 : 1,
        JsonValueKind.False => value ? -1 : 0,
        _ => null,
    };
}

/// <summary>
/// Compares as decimal when both sides fit one exactly (so 0.1 == 0.1 and 2^53 + 1 != 2^53), else as double,
/// where numbers beyond ±1.8e308 become ±infinity.
/// </summary>
internal sealed class NumberLiteral : DqlLiteral
{
    private readonly decimal? _decimal;
    private readonly double _double;

    public NumberLiteral(JsonElement number)
    {
        _decimal = number.TryGetDecimal(out var exact) ? exact : null;
        _double = number.GetDouble();
    }

    public override bool Matches(JsonElement candidate) => CompareCandidate(candidate) == 0;

    public override int? CompareCandidate(JsonElement candidate)
    {
        if (candidate.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        return _decimal is { } exact && candidate.TryGetDecimal(out var other)
            ? Math.Sign(other.CompareTo(exact))
            : Math.Sign(candidate.GetDouble().CompareTo(_double));
    }
}
