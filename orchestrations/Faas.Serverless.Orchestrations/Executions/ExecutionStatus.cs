using System.Text.Json.Serialization;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// The user-facing status of an execution. The wire names (<c>created</c>, <c>in-progress</c>, ...) are what the
/// status log, <c>latestStatus</c> and the stored state carry; <see cref="ExecutionStatuses"/> converts them.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionStatus>))]
public enum ExecutionStatus
{
    /// <summary>Waiting for a runner: queued, queued again after a release, or waiting for a retry.</summary>
    [JsonStringEnumMemberName("created")]
    Created,

    [JsonStringEnumMemberName("in-progress")]
    InProgress,

    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary>Final: the last allowed attempt failed or timed out.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("terminated")]
    Terminated,

    /// <summary>Final: the platform cancelled the execution (for example, its service was deleted).</summary>
    [JsonStringEnumMemberName("aborted")]
    Aborted,

    /// <summary>Final: the platform could not run the attempt (for example, its work item was poisoned).</summary>
    [JsonStringEnumMemberName("system-failure")]
    SystemFailure,
}
