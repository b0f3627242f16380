using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// Enforces <see cref="DqlLimits.MaxDepth"/> and <see cref="DqlLimits.MaxNodes"/> before anything else looks at
/// the filter, so neither the parser nor an error list can grow with a hostile input.
/// </summary>
internal static class DqlSizeCheck
{
    public static DqlError? Check(JsonElement filter, string rootPath)
    {
        var nodes = 0;
        var trail = new List<string>();
        if (Within(filter, 1, ref nodes, trail))
        {
            return null;
        }

        if (nodes > DqlLimits.MaxNodes)
        {
            return new DqlError(rootPath, $"The filter has more than {DqlLimits.MaxNodes} values (objects, arrays and scalars); split it or simplify it.");
        }

        trail.Reverse();
        return new DqlError(rootPath + string.Concat(trail), $"The filter nests objects and arrays more than {DqlLimits.MaxDepth} levels deep.");
    }

    /// <param name="trail">On failure, the path below <paramref name="value"/> to the spot, innermost first.</param>
    private static bool Within(JsonElement value, int depth, ref int nodes, List<string> trail)
    {
        if (++nodes > DqlLimits.MaxNodes)
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && depth > DqlLimits.MaxDepth)
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                if (!Within(property.Value, depth + 1, ref nodes, trail))
                {
                    trail.Add(DqlPaths.Key(string.Empty, property.Name));
                    return false;
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (!Within(element, depth + 1, ref nodes, trail))
                {
                    trail.Add(DqlPaths.Index(string.Empty, index));
                    return false;
                }

                index++;
            }
        }

        return true;
    }
}
