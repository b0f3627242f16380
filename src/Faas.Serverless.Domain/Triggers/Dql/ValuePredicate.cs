using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// A test of one value reached by a field path. A missing field is passed as <c>default(JsonElement)</c>
/// (<see cref="JsonValueKind.Undefined"/>), so that <c>$eq: null</c> and <c>$exists</c> can see it.
/// </summary>
internal abstract class ValuePredicate
{
    public abstract bool Test(JsonElement value);
}

internal sealed class EqualsPredicate(DqlLiteral literal) : ValuePredicate
{
    public override bool Test(JsonElement value) => literal.Matches(value);
}

internal sealed class InPredicate(DqlLiteral[] literals) : ValuePredicate
{
    public override bool Test(JsonElement value)
    {
        foreach (var literal in literals)
        {
            if (literal.Matches(value))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class ExistsPredicate : ValuePredicate
{
    public static readonly ExistsPredicate Instance = new();

    private ExistsPredicate()
    {
    }

    public override bool Test(JsonElement value) => value.ValueKind != JsonValueKind.Undefined;
}

internal enum Ordering
{
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

internal sealed class OrderPredicate(DqlLiteral operand, Ordering ordering) : ValuePredicate
{
    public override bool Test(JsonElement value) =>
        operand.CompareCandidate(value) is { } sign && ordering switch
        {
            Ordering.GreaterThan => sign > 0,
            Ordering.GreaterThanOrEqual => sign >= 0,
            Ordering.LessThan => sign < 0,
            _ => sign <= 0,
        };
}
