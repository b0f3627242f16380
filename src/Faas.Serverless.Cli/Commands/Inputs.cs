using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Serverless.Cli.Hosting;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Cli.Commands;

/// <summary>
/// <c>name=value</c> pairs as a JSON object. A value declared as a <c>String</c> stays text; any other value is read
/// as JSON when it is JSON (<c>count=3</c>, <c>item={"id":"a"}</c>) and as text otherwise.
/// </summary>
internal static class Inputs
{
    public static JsonObject Parse(IEnumerable<string> pairs, IReadOnlyList<FunctionIo>? declared = null, string option = "--input")
    {
        var result = new JsonObject();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"{option} '{pair}' is not name=value.");
            }

            var name = pair[..equals];
            var text = pair[(equals + 1)..];
            var type = declared?.FirstOrDefault(d => d.Name == name)?.Type;
            result[name] = string.Equals(type, "String", StringComparison.OrdinalIgnoreCase) ? JsonValue.Create(text) : ValueOf(text);
        }

        return result;
    }

    public static JsonNode? Json(string text, string option)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new CliException($"{option} is not valid JSON: {e.Message}", e);
        }
    }

    private static JsonNode? ValueOf(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
