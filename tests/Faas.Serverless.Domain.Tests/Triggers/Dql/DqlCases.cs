using System.Text.Encodings.Web;
using System.Text.Json;

namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

/// <summary>
/// Builds case tables. Tables write JSON with single quotes so that they stay readable; the theories receive
/// real JSON, which is also what the test explorer shows.
/// </summary>
internal static class DqlCases
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');

    public static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Many filters against one resource.</summary>
    public static TheoryData<string, string, bool> Against(string resource, params (string Filter, bool Expected)[] cases)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (filter, expected) in cases)
        {
            data.Add(Json(filter), Json(resource), expected);
        }

        return data;
    }

    /// <summary>One filter against many resources.</summary>
    public static TheoryData<string, string, bool> Resources(string filter, params (string Resource, bool Expected)[] cases)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (resource, expected) in cases)
        {
            data.Add(Json(filter), Json(resource), expected);
        }

        return data;
    }

    /// <summary>Glob cases: the pattern is the filter value of field 'v', the text the resource's; both are C# strings.</summary>
    public static TheoryData<string, string, bool> Globs(params (string Pattern, string Text, bool Expected)[] cases)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (pattern, text, expected) in cases)
        {
            data.Add(Field(pattern), Field(text), expected);
        }

        return data;
    }

    public static string Field(string value) => "{\"v\": " + JsonSerializer.Serialize(value, Readable) + "}";
}
