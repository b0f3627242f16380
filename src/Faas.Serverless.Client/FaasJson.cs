using System.Text.Json;

namespace Faas.Serverless.Client;

/// <summary>The API's JSON conventions: camelCase names, case-insensitive reads.</summary>
internal static class FaasJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
