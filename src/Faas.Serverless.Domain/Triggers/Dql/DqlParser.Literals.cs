using System.Text;
using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>Values compared against resource values.</summary>
internal sealed partial class DqlParser
{
    /// <param name="allowGlob">
    /// True for the top-level value of equality and membership; strings nested in arrays or objects, and operands
    /// of ordering operators, are always literal.
    /// </param>
    private DqlLiteral? Literal(JsonElement value, string path, bool allowGlob)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return StringValue(value.GetString()!, path, allowGlob);
            case JsonValueKind.Number:
                return new NumberLiteral(value);
            case JsonValueKind.True or JsonValueKind.False:
                return new BoolLiteral(value.ValueKind == JsonValueKind.True);
            case JsonValueKind.Array:
                var items = new List<DqlLiteral?>();
                var index = 0;
                foreach (var element in value.EnumerateArray())
                {
                    items.Add(Literal(element, DqlPaths.Index(path, index++), allowGlob: false));
                }

                return items.Contains(null) ? null : new ArrayLiteral([.. items.OfType<DqlLiteral>()]);
            case JsonValueKind.Object:
                return ObjectValue(value, path);
            default:
                return NullLiteral.Instance;
        }
    }

    private DqlLiteral? StringValue(string text, string path, bool allowGlob)
    {
        if (!allowGlob || !GlobPattern.LooksLikePattern(text))
        {
            return new StringLiteral(text);
        }

        var pattern = GlobParser.TryParse(text, out var error);
        if (pattern is null)
        {
            Error(path, error!);
            return null;
        }

        return new GlobLiteral(pattern);
    }

    private ObjectLiteral? ObjectValue(JsonElement value, string path)
    {
        var properties = new List<(byte[], DqlLiteral)>();
        var valid = true;
        foreach (var property in UniqueProperties(value, path))
        {
            var keyPath = DqlPaths.Key(path, property.Name);
            if (DqlOperators.IsOperator(property.Name))
            {
                Error(keyPath, $"'{property.Name}' cannot be a key of a literal object: keys starting with '$' are reserved for operators.");
                valid = false;
            }
            else if (Literal(property.Value, keyPath, allowGlob: false) is { } literal)
            {
                properties.Add((Encoding.UTF8.GetBytes(property.Name), literal));
            }
            else
            {
                valid = false;
            }
        }

        return valid ? new ObjectLiteral([.. properties]) : null;
    }
}
