using System.Text.Json;

namespace Faas.Serverless.Runner.Api;

internal sealed record LeaseRequest(string ReplicaId, int MaxItems, int WaitSeconds);

internal sealed record LeaseResponse(IReadOnlyList<WorkItem>? Items);

/// <summary>One leased work item. <c>Input</c> and <c>Context</c> are passed to the worker untouched.</summary>
internal sealed record WorkItem(
    string LeaseId,
    string ExecutionId,
    int Attempt,
    string FunctionName,
    JsonElement? Input,
    int? TimeoutSeconds,
    int? LeaseSeconds,
    JsonElement? Context);

internal sealed record RenewRequest(string ReplicaId, IReadOnlyList<string> LeaseIds);

internal sealed record RenewResponse(IReadOnlyList<LeaseRenewal>? Leases);

internal sealed record LeaseRenewal(string LeaseId, string? RenewedLeaseId, bool Terminate, bool Lost);

internal sealed record WatchRequest(string ReplicaId, IReadOnlyList<string> LeaseIds, int WaitSeconds);

internal sealed record WatchResponse(IReadOnlyList<string>? Terminate);

internal sealed record EventsRequest(string ReplicaId, IReadOnlyList<RunnerEvent> Events);

internal sealed record ErrorInfo(string Type, string Message, string? Traceback);

/// <summary>
/// One execution event. Which optional fields are set depends on <see cref="Type"/>; null fields are omitted.
/// <see cref="LeaseId"/> is stamped when the batch is sent, so it is always the latest renewed lease id.
/// </summary>
internal sealed record RunnerEvent
{
    public string LeaseId { get; init; } = string.Empty;

    public required string ExecutionId { get; init; }

    public required int Attempt { get; init; }

    public required string EventId { get; init; }

    public required string Type { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public string? Status { get; init; }

    public double? PercentComplete { get; init; }

    public string? Message { get; init; }

    public string? Stream { get; init; }

    public string? Level { get; init; }

    public JsonElement? Output { get; init; }

    public ErrorInfo? Error { get; init; }

    public bool? Terminated { get; init; }
}

internal static class EventTypes
{
    public const string Started = "started";
    public const string Progress = "progress";
    public const string Log = "log";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Released = "released";

    /// <summary>Events that end the lease: the host completes the work item and the agent stops renewing it.</summary>
    public static bool IsTerminal(string type) => type is Succeeded or Failed or Released;

    /// <summary>
    /// Events that may wait up to the batching delay; every other type is sent at once, with those waiting before it.
    /// <c>started</c> waits too: a call that ends within the delay reports its start and its result in one post,
    /// which the host applies to the execution's orchestration as one batch instead of two.
    /// </summary>
    public static bool IsBatchable(string type) => type is Log or Progress or Started;

    /// <summary>Events dropped, once too many wait unsent, rather than exhaust memory: never a start or a result.</summary>
    public static bool IsDroppable(string type) => type is Log or Progress;
}
