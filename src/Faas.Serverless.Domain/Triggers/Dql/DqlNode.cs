using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>A compiled filter object or one of its keys, evaluated against a whole resource.</summary>
internal abstract class DqlNode
{
    public abstract bool Matches(JsonElement resource);
}

/// <summary>An explicit <c>$and</c>, or the implicit AND of an object's keys; with no children it matches everything.</summary>
internal sealed class AndNode(DqlNode[] children) : DqlNode
{
    public override bool Matches(JsonElement resource)
    {
        foreach (var child in children)
        {
            if (!child.Matches(resource))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class OrNode(DqlNode[] children) : DqlNode
{
    public override bool Matches(JsonElement resource)
    {
        foreach (var child in children)
        {
            if (child.Matches(resource))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class NotNode(DqlNode inner) : DqlNode
{
    public override bool Matches(JsonElement resource) => !inner.Matches(resource);
}

internal sealed class FieldNode(FieldPath path, FieldCondition condition) : DqlNode
{
    public override bool Matches(JsonElement resource) => condition.Matches(resource, path);
}
