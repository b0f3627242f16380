using System.Globalization;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>What the bench reads from an execution's JSON: whether it is final, and its server-side times.</summary>
internal static class ExecutionTimes
{
    private static readonly HashSet<string> Final = new(["success", "failed", "terminated", "aborted", "system-failure"], StringComparer.Ordinal);

    public static string Status(JsonObject execution) =>
        execution["latestStatus"]?["status"]?.GetValue<string>() ?? string.Empty;

    public static bool IsFinal(JsonObject execution) => Final.Contains(Status(execution));

    public static bool Succeeded(JsonObject execution) => Status(execution) == "success";

    public static DateTimeOffset CreatedAt(JsonObject execution) => Time(execution["createdAt"]);

    /// <summary>The timestamp of the last entry of the status log: when the execution became final.</summary>
    public static DateTimeOffset FinishedAt(JsonObject execution) =>
        execution["statusLog"] is JsonArray { Count: > 0 } log ? Time(log[^1]?["timestamp"]) : Time(execution["latestStatus"]?["timestamp"]);

    public static double ServerMs(JsonObject execution) => (FinishedAt(execution) - CreatedAt(execution)).TotalMilliseconds;

    private static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.Parse(node?.GetValue<string>() ?? throw new FormatException("An execution time is missing."), CultureInfo.InvariantCulture);
}
