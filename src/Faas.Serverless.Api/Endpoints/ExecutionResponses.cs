using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// The seeds' Execution JSON, with the status log named <c>statusLog</c> (as the seeds' prose names it) and <c>status</c>
/// the current status as a string, the same field and shape an execution listing shows; <c>latestStatus</c> is the
/// log's last entry.
/// </summary>
public sealed record ExecutionResponse(
    string Id,
    string Url,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator,
    int Attempts,
    int MaxAttempts,
    bool ToTerminate,
    IReadOnlyDictionary<string, JsonElement> Input,
    JsonElement? Output,
    ErrorInfo? Error,
    string Status,
    IReadOnlyList<StatusEntry> StatusLog,
    StatusEntry? LatestStatus,
    double Duration,
    string ProjectId,
    string FunctionName,
    string ServiceId,
    string? TriggerId,
    string ServiceName,
    string PackageId,
    string PackageName,
    int PackageRevision,
    int ServiceVersion)
{
    public static ExecutionResponse From(ExecutionRecord record, IReadOnlyList<StatusEntry> history, DateTimeOffset now)
    {
        var (info, state) = (record.Info, record.State);
        var running = state.StartedAt is { } started && state.Phase == ExecutionPhase.Running ? (now - started).TotalSeconds : 0;
        return new(
            info.Id,
            $"/api/v1/projects/{info.ProjectId}/executions/{info.Id}",
            info.CreatedAt,
            state.UpdatedAt,
            info.Creator,
            state.Attempts,
            state.MaxAttempts,
            state.ToTerminate,
            info.Input,
            state.Output,
            state.Error,
            state.Status.ToWireName(),
            history,
            history.Count > 0 ? history[^1] : null,
            Math.Round(state.Duration + running, 3),
            info.ProjectId,
            info.FunctionName,
            info.ServiceId,
            info.TriggerId,
            info.ServiceName,
            info.PackageId,
            info.PackageName,
            info.PackageRevision,
            info.ServiceVersion);
    }
}

public sealed record RerunBatchRequest(string? ServiceId, string? Status, string? FunctionName, string? TriggerId, DateTimeOffset? From, DateTimeOffset? To, int? Limit);

public sealed record RerunBatchResponse(int Rerun, IReadOnlyList<string> ExecutionIds, IReadOnlyList<string> Skipped);

public sealed record LogsResponse(IReadOnlyList<ExecutionLogLine> Lines, string? Cursor);

public sealed record RunnerEventsRequest(string? ReplicaId, IReadOnlyList<RunnerEvent>? Events);

/// <summary>One runner event as docs/runner-protocol.md defines it.</summary>
public sealed record RunnerEvent(
    string? LeaseId,
    string? ExecutionId,
    int? Attempt,
    string? EventId,
    string? Type,
    DateTimeOffset? Timestamp,
    string? Status,
    int? PercentComplete,
    string? Message,
    string? Stream,
    string? Level,
    JsonElement? Output,
    ErrorInfo? Error,
    bool? Terminated);
