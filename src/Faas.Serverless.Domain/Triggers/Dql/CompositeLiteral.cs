using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>Exact array equality: same length, equal elements in order (elements never glob-match).</summary>
internal sealed class ArrayLiteral(DqlLiteral[] items) : DqlLiteral
{
    public override bool Matches(JsonElement candidate)
    {
        if (candidate.ValueKind != JsonValueKind.Array || candidate.GetArrayLength() != items.Length)
        {
            return false;
        }

        var index = 0;
        foreach (var element in candidate.EnumerateArray())
        {
            if (!items[index++].Matches(element))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Exact object equality: the same keys, in any order, with equal values.</summary>
internal sealed class ObjectLiteral((byte[] Utf8Name, DqlLiteral Value)[] properties) : DqlLiteral
{
    public override bool Matches(JsonElement candidate)
    {
        if (candidate.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        foreach (var unused in candidate.EnumerateObject())
        {
            count++;
        }

        if (count != properties.Length)
        {
            return false;
        }

        foreach (var (name, value) in properties)
        {
            if (!candidate.TryGetProperty(name, out var child) || !value.Matches(child))
            {
                return false;
            }
        }

        return true;
    }
}
