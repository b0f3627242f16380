using System.Text.Json;

namespace Faas.Serverless.Api.Tests.Consistency;

/// <summary>Compares the shapes of two JSON documents that show one resource: the same field must have one JSON kind.</summary>
public static class JsonShape
{
    /// <summary>
    /// Every field of <paramref name="part"/> is in <paramref name="whole"/> with the same kind (null matches any kind,
    /// being an unset value), objects compared field by field and arrays by their first elements.
    /// </summary>
    public static void AssertContained(JsonElement part, JsonElement whole, string path = "$")
    {
        if (part.ValueKind == JsonValueKind.Null || whole.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        Assert.True(part.ValueKind == whole.ValueKind, $"{path} is {part.ValueKind} in one response and {whole.ValueKind} in the other.");
        if (part.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in part.EnumerateObject())
            {
                Assert.True(whole.TryGetProperty(field.Name, out var other), $"{path}.{field.Name} is missing from the other response.");
                AssertContained(field.Value, other, $"{path}.{field.Name}");
            }
        }
        else if (part.ValueKind == JsonValueKind.Array && part.GetArrayLength() > 0 && whole.GetArrayLength() > 0)
        {
            AssertContained(part[0], whole[0], $"{path}[0]");
        }
    }

    /// <summary>Both ways: the two responses have exactly the same fields, each of one kind.</summary>
    public static void AssertSame(JsonElement a, JsonElement b)
    {
        AssertContained(a, b);
        AssertContained(b, a);
    }
}
