using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Serverless.Runner.Api;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// Any message the worker writes to stdout (docs/worker-protocol.md); which fields are set depends on <see cref="Type"/>.
/// <see cref="Timestamp"/> is kept raw: an ISO 8601 string or Unix seconds are both accepted.
/// </summary>
internal sealed record WorkerMessage
{
    public string Type { get; init; } = string.Empty;

    public string? Id { get; init; }

    public int? Attempt { get; init; }

    public string? Status { get; init; }

    public double? PercentComplete { get; init; }

    public string? Message { get; init; }

    public string? Stream { get; init; }

    public string? Level { get; init; }

    public JsonElement? Timestamp { get; init; }

    public JsonElement? Output { get; init; }

    public ErrorInfo? Error { get; init; }

    public bool? Terminated { get; init; }

    public double? DurationMs { get; init; }

    public int? Pid { get; init; }

    public string? Python { get; init; }

    public string? SdkVersion { get; init; }
}

internal static class WorkerMessageTypes
{
    public const string Ready = "ready";
    public const string InitFailed = "initFailed";
    public const string Progress = "progress";
    public const string Log = "log";
    public const string Result = "result";
    public const string Error = "error";
}

/// <summary>Agent → worker <c>init</c>; <c>concurrency</c> is 1: the agent runs one worker per slot.</summary>
internal sealed record InitRequest(JsonElement InitParams, JsonElement Functions, int Concurrency, JsonElement Context, RunnerLimits Limits)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "init";
}

/// <summary>Agent → worker <c>invoke</c>: run one call.</summary>
internal sealed record InvokeRequest(string Id, int Attempt, string Function, JsonElement Input, JsonElement Context)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "invoke";
}

/// <summary>Agent → worker <c>terminate</c>: interrupt the call with this execution id (cooperative; the agent kills the worker when it does not stop).</summary>
internal sealed record TerminateRequest(string Id)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "terminate";
}

/// <summary>Agent → worker <c>shutdown</c>: stop taking invokes, wait up to drainSeconds, exit 0.</summary>
internal sealed record ShutdownRequest(int DrainSeconds)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = "shutdown";
}
