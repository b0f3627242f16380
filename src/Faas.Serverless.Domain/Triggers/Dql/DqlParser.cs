using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// Validates a filter and compiles it into <see cref="DqlNode"/>s. It reports every problem it finds rather than
/// the first, so a client can fix a filter in one round trip; any error means no tree is returned.
/// </summary>
internal sealed partial class DqlParser
{
    private readonly List<DqlError> _errors = [];

    private DqlParser()
    {
    }

    public static DqlNode? Parse(JsonElement filter, string rootPath, out IReadOnlyList<DqlError> errors)
    {
        if (DqlSizeCheck.Check(filter, rootPath) is { } sizeError)
        {
            errors = [sizeError];
            return null;
        }

        var parser = new DqlParser();
        var root = parser.ParseFilter(filter, rootPath, "The filter");
        errors = parser._errors;
        return parser._errors.Count == 0 ? root : null;
    }

    private void Error(string path, string message) => _errors.Add(new DqlError(path, message));

    /// <param name="what">How an error names the expected object, e.g. "Each $and element".</param>
    private DqlNode? ParseFilter(JsonElement filter, string path, string what)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"{what} must be a JSON object, not {DqlPaths.Describe(filter)}.");
            return null;
        }

        var children = new List<DqlNode>();
        foreach (var property in UniqueProperties(filter, path))
        {
            var keyPath = DqlPaths.Key(path, property.Name);
            var child = DqlOperators.IsOperator(property.Name)
                ? ParseLogical(property.Name, property.Value, keyPath)
                : ParseField(property.Name, property.Value, keyPath);
            if (child is not null)
            {
                children.Add(child);
            }
        }

        return children.Count == 1 ? children[0] : new AndNode([.. children]);
    }

    private DqlNode? ParseLogical(string name, JsonElement value, string path)
    {
        if (DqlOperators.IsFilterLevel(name))
        {
            return ParseFilterList(name, value, path);
        }

        if (name == DqlOperators.Not)
        {
            return ParseFilter(value, path, "$not") is { } inner ? new NotNode(inner) : null;
        }

        Error(path, DqlOperators.IsFieldLevel(name)
            ? $"'{name}' applies to a field: write {{\"<field>\": {{\"{name}\": <value>}}}}."
            : $"Unknown operator '{name}'; use {DqlOperators.FilterLevelList}.");
        return null;
    }

    private DqlNode? ParseFilterList(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            var found = value.ValueKind == JsonValueKind.Array ? "an empty array" : DqlPaths.Describe(value);
            Error(path, $"{name} needs a non-empty array of filter objects, not {found}.");
            return null;
        }

        var children = new List<DqlNode>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (ParseFilter(element, DqlPaths.Index(path, index++), $"Each {name} element") is { } child)
            {
                children.Add(child);
            }
        }

        return name == DqlOperators.And ? new AndNode([.. children]) : new OrNode([.. children]);
    }

    private FieldNode? ParseField(string name, JsonElement value, string path)
    {
        var fieldPath = FieldPath.TryCreate(name, out var pathError);
        if (pathError is not null)
        {
            Error(path, pathError);
        }

        var condition = ParseFieldValue(value, path);
        return fieldPath is not null && condition is not null ? new FieldNode(fieldPath, condition) : null;
    }

    /// <summary>An object's properties, reporting (and skipping) repeated keys, which JSON parsers resolve inconsistently.</summary>
    private List<JsonProperty> UniqueProperties(JsonElement value, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var properties = new List<JsonProperty>();
        foreach (var property in value.EnumerateObject())
        {
            if (seen.Add(property.Name))
            {
                properties.Add(property);
            }
            else
            {
                Error(DqlPaths.Key(path, property.Name), $"Duplicate key '{property.Name}'.");
            }
        }

        return properties;
    }
}
