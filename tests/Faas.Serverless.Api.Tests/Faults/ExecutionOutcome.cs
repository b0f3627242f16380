using System.Globalization;
using System.Text.Json;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>One finished execution of a workload, read back through the API, with what its status log says.</summary>
public sealed record ExecutionOutcome(string Id, string Key, JsonElement Execution)
{
    public string LatestStatus => Execution.GetProperty("latestStatus").GetProperty("status").GetString()!;

    public int Attempts => Execution.GetProperty("attempts").GetInt32();

    public IReadOnlyList<JsonElement> Log => [.. Execution.GetProperty("statusLog").EnumerateArray()];

    public int Count(string status) => Log.Count(e => e.GetProperty("status").GetString() == status);

    /// <summary>Error types of the failed attempts, in order.</summary>
    public IReadOnlyList<string> FailedAttemptErrors =>
        [.. Log.Where(e => e.GetProperty("status").GetString() == "failed").Select(e => e.GetProperty("error").GetProperty("type").GetString()!)];

    /// <summary>When the host recorded the final status (its clock: the machine's).</summary>
    public DateTimeOffset FinishedAt => Time(Log[^1]);

    /// <summary>The execution's status log in one line, for failure messages.</summary>
    public string Describe() =>
        $"{Key} ({Id}): {LatestStatus} after {Attempts} attempt(s); log: " +
        string.Join(" > ", Log.Select(e => $"{e.GetProperty("status").GetString()}@{Time(e):HH:mm:ss.fff}" +
            (e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? $" '{m.GetString()}'" : string.Empty) +
            (e.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? $" [{error.GetProperty("type").GetString()}]" : string.Empty)));

    private static DateTimeOffset Time(JsonElement entry) => DateTimeOffset.Parse(entry.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
}
