using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>The value of a field key: an equality value, or an object of operators.</summary>
internal sealed partial class DqlParser
{
    private FieldCondition? ParseFieldValue(JsonElement value, string path) =>
        IsOperatorExpression(value, path)
            ? ParseExpression(value, path)
            : Literal(value, path, allowGlob: true) is { } literal ? new PredicateCondition(new EqualsPredicate(literal), negated: false) : null;

    /// <summary>An object whose keys all start with '$'; one mixing operators and field names is an error.</summary>
    private bool IsOperatorExpression(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        string? firstOperator = null;
        string? firstField = null;
        foreach (var property in value.EnumerateObject())
        {
            if (DqlOperators.IsOperator(property.Name))
            {
                firstOperator ??= property.Name;
            }
            else
            {
                firstField ??= property.Name;
            }
        }

        if (firstOperator is not null && firstField is not null)
        {
            Error(path, $"An object mixes operators ('{firstOperator}') and field names ('{firstField}'); an operator expression holds only operators, and nested fields are written as dotted paths, e.g. 'metadata.system.size'.");
        }

        return firstOperator is not null;
    }

    private FieldCondition? ParseExpression(JsonElement expression, string path)
    {
        var conditions = new List<FieldCondition>();
        foreach (var property in UniqueProperties(expression, path))
        {
            if (DqlOperators.IsOperator(property.Name)
                && ParseOperator(property.Name, property.Value, DqlPaths.Key(path, property.Name)) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions.Count == 1 ? conditions[0] : new AllConditions([.. conditions]);
    }

    private FieldCondition? ParseOperator(string name, JsonElement value, string path)
    {
        switch (name)
        {
            case DqlOperators.Eq or DqlOperators.Ne:
                return Literal(value, path, allowGlob: true) is { } literal
                    ? new PredicateCondition(new EqualsPredicate(literal), negated: name == DqlOperators.Ne)
                    : null;
            case DqlOperators.Gt or DqlOperators.Gte or DqlOperators.Lt or DqlOperators.Lte:
                return ParseOrdering(name, value, path);
            case DqlOperators.In or DqlOperators.Nin:
                return ParseIn(name, value, path);
            case DqlOperators.Exists:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Error(path, $"$exists needs true or false, not {DqlPaths.Describe(value)}.");
                    return null;
                }

                return new PredicateCondition(ExistsPredicate.Instance, negated: value.ValueKind == JsonValueKind.False);
            case DqlOperators.Not:
                return ParseNot(value, path);
            default:
                Error(path, DqlOperators.IsFilterLevel(name)
                    ? $"'{name}' combines filters and cannot be used inside a field's operators; put it at the filter level, e.g. {{\"{name}\": [{{\"size\": 1}}, {{\"size\": 2}}]}}."
                    : $"Unknown operator '{name}'; use one of {DqlOperators.FieldLevelList}.");
                return null;
        }
    }

    private NotCondition? ParseNot(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.EnumerateObject().Any())
        {
            var found = value.ValueKind == JsonValueKind.Object ? "an empty object" : DqlPaths.Describe(value);
            Error(path, $"$not needs an object of operators, e.g. {{\"$not\": {{\"$gt\": 5}}}}, not {found}.");
            return null;
        }

        if (!IsOperatorExpression(value, path))
        {
            Error(path, "$not needs an object of operators, e.g. {\"$not\": {\"$gt\": 5}}, not a literal object; to negate equality use $ne.");
            return null;
        }

        return ParseExpression(value, path) is { } inner ? new NotCondition(inner) : null;
    }

    private PredicateCondition? ParseOrdering(string name, JsonElement value, string path)
    {
        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False))
        {
            Error(path, $"{name} needs a number, string or boolean, not {DqlPaths.Describe(value)}.");
            return null;
        }

        var ordering = name switch
        {
            DqlOperators.Gt => Ordering.GreaterThan,
            DqlOperators.Gte => Ordering.GreaterThanOrEqual,
            DqlOperators.Lt => Ordering.LessThan,
            _ => Ordering.LessThanOrEqual,
        };
        return Literal(value, path, allowGlob: false) is { } operand
            ? new PredicateCondition(new OrderPredicate(operand, ordering), negated: false)
            : null;
    }

    private PredicateCondition? ParseIn(string name, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"{name} needs an array of values, not {DqlPaths.Describe(value)}.");
            return null;
        }

        var literals = new List<DqlLiteral>();
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (Literal(element, DqlPaths.Index(path, index++), allowGlob: true) is { } literal)
            {
                literals.Add(literal);
            }
        }

        return new PredicateCondition(new InPredicate([.. literals]), negated: name == DqlOperators.Nin);
    }
}
