using System.Text;
using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>
/// A dotted path compiled to UTF-8 segment names, so that lookups do no transcoding per event. It reaches every
/// value MongoDB would: arrays are crossed element by element unless the segment is an index.
/// </summary>
internal sealed class FieldPath
{
    private readonly Segment[] _segments;

    private FieldPath(Segment[] segments)
    {
        _segments = segments;
    }

    public static FieldPath? TryCreate(string text, out string? error)
    {
        error = Check(text);
        return error is null ? new FieldPath([.. text.Split('.').Select(Segment.Create)]) : null;
    }

    /// <summary>
    /// Whether any value at the path satisfies <paramref name="predicate"/>. Places where the path stops early
    /// (an absent key, an index past the end, a scalar or nested array in the way, an empty array) count as a
    /// missing value. A reached array is tested whole and element by element.
    /// </summary>
    public bool AnyMatch(JsonElement resource, ValuePredicate predicate) => Walk(resource, 0, predicate);

    private static string? Check(string text)
    {
        if (text.Length == 0)
        {
            return "A field name must not be empty.";
        }

        var segments = text.Split('.');
        if (segments.Length > DqlLimits.MaxPathSegments)
        {
            return $"Field path '{text}' has more than {DqlLimits.MaxPathSegments} segments.";
        }

        if (segments.Any(segment => segment.Length == 0))
        {
            return $"Field path '{text}' has an empty segment; write segments separated by single dots, e.g. 'metadata.system.mimetype'.";
        }

        return segments.FirstOrDefault(segment => segment[0] == '$') is { } reserved
            ? $"Field path '{text}' has a segment starting with '$' ('{reserved}'); '$' starts operators, which go in the value, e.g. {{\"size\": {{\"$gt\": 1}}}}."
            : null;
    }

    private bool Walk(JsonElement value, int depth, ValuePredicate predicate)
    {
        if (depth == _segments.Length)
        {
            return MatchesWholeOrElement(value, predicate);
        }

        var segment = _segments[depth];
        return value.ValueKind switch
        {
            JsonValueKind.Object => value.TryGetProperty(segment.Utf8Name, out var child)
                ? Walk(child, depth + 1, predicate)
                : predicate.Test(default),
            JsonValueKind.Array when segment.Index >= 0 => segment.Index < value.GetArrayLength()
                ? Walk(value[segment.Index], depth + 1, predicate)
                : predicate.Test(default),
            JsonValueKind.Array => WalkElements(value, depth, predicate),
            _ => predicate.Test(default),
        };
    }

    private bool WalkElements(JsonElement array, int depth, ValuePredicate predicate)
    {
        var empty = true;
        foreach (var element in array.EnumerateArray())
        {
            empty = false;
            var matched = element.ValueKind == JsonValueKind.Array ? predicate.Test(default) : Walk(element, depth, predicate);
            if (matched)
            {
                return true;
            }
        }

        return empty && predicate.Test(default);
    }

    private static bool MatchesWholeOrElement(JsonElement value, ValuePredicate predicate)
    {
        if (predicate.Test(value))
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in value.EnumerateArray())
            {
                if (predicate.Test(element))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <param name="Index">The array index the segment denotes, or -1; only canonical integers ("0", "12", not "01") are indexes.</param>
    private readonly record struct Segment(byte[] Utf8Name, int Index)
    {
        public static Segment Create(string name)
        {
            var canonical = name.All(char.IsAsciiDigit) && (name.Length == 1 || name[0] != '0');
            var index = canonical && int.TryParse(name, out var parsed) ? parsed : -1;
            return new Segment(Encoding.UTF8.GetBytes(name), index);
        }
    }
}
