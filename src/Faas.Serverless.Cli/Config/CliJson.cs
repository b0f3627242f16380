using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Cli.Config;

/// <summary>JSON as the API writes it (camelCase), indented for people, nulls kept so every field is present.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
