using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Orchestrations.Engine;

internal static class EngineJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
