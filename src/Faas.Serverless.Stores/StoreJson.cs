using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Stores;

/// <summary>One serializer configuration for every JSON column, so rows written by one store read back in another.</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string? json, string what) =>
        JsonSerializer.Deserialize<T>(json ?? "null", Options) ?? throw new InvalidDataException($"{what} has no JSON value.");
}
