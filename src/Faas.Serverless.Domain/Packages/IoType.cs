using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// A function input/output type: a kind, optionally as a list (<c>Item[]</c>). Parsing ignores case;
/// <see cref="Name"/> is the canonical spelling. <c>default(IoType)</c> is <c>Json</c>.
/// </summary>
public readonly record struct IoType(IoTypeKind Kind, bool IsList)
{
    private const string ListSuffix = "[]";

    private static readonly IoTypeKind[] Kinds = Enum.GetValues<IoTypeKind>();

    /// <summary>Every canonical name: the element types first, then their list forms.</summary>
    public static IReadOnlyList<string> AllowedNames { get; } =
        [.. Kinds.Select(kind => kind.ToString()), .. Kinds.Select(kind => kind + ListSuffix)];

    public static string AllowedNamesDescription { get; } =
        string.Join(", ", Kinds) + ", or a list of one of them such as Item[]";

    public string Name => IsList ? Kind + ListSuffix : Kind.ToString();

    /// <summary>Platform entities are passed by id (a string, or an object carrying a string <c>id</c>).</summary>
    public bool IsEntity => Kind is IoTypeKind.Item or IoTypeKind.Dataset or IoTypeKind.Annotation
        or IoTypeKind.Task or IoTypeKind.Assignment or IoTypeKind.Model;

    /// <summary>The type of each element of a list; a non-list type is its own element type.</summary>
    public IoType ElementType => this with { IsList = false };

    public static IoType Parse(string value) =>
        TryParse(value, out var type)
            ? type
            : throw new FormatException($"'{value}' is not a known type. Allowed types: {AllowedNamesDescription}.");

    /// <summary>Case-insensitive, no surrounding whitespace, at most one <c>[]</c> suffix.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out IoType type)
    {
        type = default;
        if (value is null)
        {
            return false;
        }

        var isList = value.EndsWith(ListSuffix, StringComparison.Ordinal);
        var kindName = isList ? value[..^ListSuffix.Length] : value;
        foreach (var kind in Kinds)
        {
            if (string.Equals(kind.ToString(), kindName, StringComparison.OrdinalIgnoreCase))
            {
                type = new IoType(kind, isList);
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="value"/> is acceptable for this type. JSON null is a value only for Json
    /// (and as an element of Json[]); every other type rejects it, as does an undefined element (no value).
    /// </summary>
    public bool Matches(JsonElement value, [NotNullWhen(false)] out string? reason)
    {
        if (IsList)
        {
            return MatchesList(value, out reason);
        }

        reason = MatchesElement(value) ? null : $"expected {Describe()}, got {DescribeValue(value)}";
        return reason is null;
    }

    public override string ToString() => Name;

    private bool MatchesList(JsonElement value, [NotNullWhen(false)] out string? reason)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            reason = $"expected an array of {ElementType.Describe()}, got {DescribeValue(value)}";
            return false;
        }

        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (!ElementType.Matches(element, out var elementReason))
            {
                reason = $"element [{index}]: {elementReason}";
                return false;
            }

            index++;
        }

        reason = null;
        return true;
    }

    private bool MatchesElement(JsonElement value) => Kind switch
    {
        IoTypeKind.Json => value.ValueKind != JsonValueKind.Undefined,
        IoTypeKind.String => value.ValueKind == JsonValueKind.String,
        IoTypeKind.Number or IoTypeKind.Float => value.ValueKind == JsonValueKind.Number,
        IoTypeKind.Integer => value.ValueKind == JsonValueKind.Number && IsIntegerLiteral(value),
        IoTypeKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => IsEntityReference(value),
    };

    // Python's json module decodes 1.0 and 1e3 as float, so only a literal without fraction or exponent
    // reaches the function as an int (of any size).
    private static bool IsIntegerLiteral(JsonElement value) =>
        value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static bool IsEntityReference(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => !string.IsNullOrWhiteSpace(value.GetString()),
        JsonValueKind.Object => value.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(id.GetString()),
        _ => false,
    };

    private string Describe() => Kind switch
    {
        IoTypeKind.Json => "any JSON value",
        IoTypeKind.String => "a string",
        IoTypeKind.Number or IoTypeKind.Float => "a number",
        IoTypeKind.Integer => "an integer (a number without fraction or exponent)",
        IoTypeKind.Boolean => "true or false",
        _ => $"{Kind} id (a non-empty string, or an object with a non-empty string \"id\")",
    };

    private static string DescribeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "no value",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
