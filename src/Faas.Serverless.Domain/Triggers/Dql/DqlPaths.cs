using System.Globalization;
using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers.Dql;

/// <summary>Error paths and value descriptions for messages.</summary>
internal static class DqlPaths
{
    public static string Key(string parent, string key) => key.Length == 0 ? parent + "[\"\"]" : parent + "." + key;

    public static string Index(string parent, int index) => parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
