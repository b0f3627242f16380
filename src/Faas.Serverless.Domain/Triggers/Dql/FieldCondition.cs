using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>The right-hand side of a field key: an equality value or an operator expression.</summary>
internal abstract class FieldCondition
{
    public abstract bool Matches(JsonElement resource, FieldPath path);
}

/// <summary>
/// One operator. Negative operators ($ne, $nin, $exists: false) are the negation of the positive one over all the
/// values the path reaches, so <c>{"tags": {"$ne": "cat"}}</c> refuses <c>["cat", "dog"]</c> as MongoDB does.
/// </summary>
internal sealed class PredicateCondition(ValuePredicate predicate, bool negated) : FieldCondition
{
    public override bool Matches(JsonElement resource, FieldPath path) => path.AnyMatch(resource, predicate) != negated;
}

/// <summary>Several operators on one field; each is satisfied on its own (by possibly different array elements).</summary>
internal sealed class AllConditions(FieldCondition[] conditions) : FieldCondition
{
    public override bool Matches(JsonElement resource, FieldPath path)
    {
        foreach (var condition in conditions)
        {
            if (!condition.Matches(resource, path))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class NotCondition(FieldCondition inner) : FieldCondition
{
    public override bool Matches(JsonElement resource, FieldPath path) => !inner.Matches(resource, path);
}
