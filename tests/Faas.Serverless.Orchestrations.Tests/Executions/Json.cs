using System.Text.Json;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>The serializer settings the engine is expected to use (web defaults: camelCase).</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
