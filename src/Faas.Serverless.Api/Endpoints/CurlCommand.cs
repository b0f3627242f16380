using System.Text.Json;
using Faas.Serverless.Orchestrations.Engine;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>The curl command that would create an execution, for <c>?returnCurlOnly=true</c>.</summary>
internal static class CurlCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string For(HttpRequest request, ExecuteRequest body, string? idempotencyKey)
    {
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        var lines = new List<string>
        {
            $"curl -X POST {Quote(url)}",
            "  -H 'Authorization: Bearer $FAAS_API_KEY'",
            "  -H 'Content-Type: application/json'",
        };
        if (idempotencyKey is not null)
        {
            lines.Add($"  -H {Quote("Idempotency-Key: " + idempotencyKey)}");
        }

        lines.Add($"  -d {Quote(JsonSerializer.Serialize(body, Json))}");
        return string.Join(" \\\n", lines) + "\n";
    }

    /// <summary>POSIX single quoting: the only character that needs care inside single quotes is the quote itself.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
