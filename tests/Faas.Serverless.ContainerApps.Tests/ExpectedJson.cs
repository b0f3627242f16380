using System.Text.Json;
using System.Text.Json.Nodes;

namespace Faas.Serverless.ContainerApps.Tests;

/// <summary>Compares a request body with a checked-in file under Expected/ as JSON (property order and spacing aside).</summary>
internal static class ExpectedJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Matches(string file, JsonNode? actual)
    {
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Expected", file)));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"The body differs from Expected/{file}. It was:\n{actual?.ToJsonString(Indented)}");
    }
}
