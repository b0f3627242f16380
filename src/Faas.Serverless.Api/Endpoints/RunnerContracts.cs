using System.Text.Json;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Work;

namespace Faas.Serverless.Api.Endpoints;

// Bodies of the runner protocol (docs/runner-protocol.md).

public sealed record RunnerSpecResponse(
    string ProjectId,
    string ServiceId,
    string ServiceName,
    int Version,
    string PackageId,
    string PackageName,
    int PackageRevision,
    ModuleSchema Module,
    IReadOnlyDictionary<string, JsonElement> InitParams,
    int Concurrency,
    int ExecutionTimeout,
    int DrainTime,
    int LeaseSeconds,
    CodebaseResponse Codebase,
    BotResponse Bot)
{
    /// <summary>What the host keeps of an attempt, so that a runner can refuse more before sending it.</summary>
    public RunnerLimits? Limits { get; init; }

    /// <summary>Names of the secrets to fetch from <c>runner-secrets</c> before the workers start.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}

/// <summary><c>GET {base}/runner-secrets</c>: the values of the secrets the service names, by name.</summary>
public sealed record RunnerSecretsResponse(IReadOnlyDictionary<string, string> Secrets);

public sealed record RunnerLimits(long MaxOutputBytes, long MaxLogBytes);

public sealed record ReplicaReport(string? State, int? ServiceVersion, int? Pid, string? Runtime, string? Message, ErrorInfo? Error);

public sealed record LeaseRequest(string? ReplicaId, int? MaxItems, int? WaitSeconds);

public sealed record LeasedItem(
    string LeaseId,
    string ExecutionId,
    int Attempt,
    string FunctionName,
    IReadOnlyDictionary<string, JsonElement> Input,
    int TimeoutSeconds,
    int LeaseSeconds,
    JsonElement? Context)
{
    public static LeasedItem From(LeasedWork work, int leaseSeconds) => new(
        work.LeaseId,
        work.Item.ExecutionId,
        work.Item.Attempt,
        work.Item.FunctionName,
        work.Item.Input,
        work.Item.TimeoutSeconds,
        leaseSeconds,
        work.Item.Context);
}

public sealed record LeaseResponse(IReadOnlyList<LeasedItem> Items);

public sealed record RenewRequest(string? ReplicaId, IReadOnlyList<string>? LeaseIds);

public sealed record RenewedLease(string LeaseId, string? RenewedLeaseId, bool Terminate, bool Lost);

public sealed record RenewResponse(IReadOnlyList<RenewedLease> Leases);

public sealed record WatchRequest(string? ReplicaId, IReadOnlyList<string>? LeaseIds, int? WaitSeconds);

/// <summary>The watched leases whose attempt is to stop: the runner renews them at once to learn how.</summary>
public sealed record WatchResponse(IReadOnlyList<string> Terminate);

/// <summary>The answer to <c>work/events</c>: events not listed were applied (or ignored as stale).</summary>
public sealed record RunnerEventsResponse(IReadOnlyList<RejectedEvent> Rejected);

/// <param name="Status">
/// The HTTP status this event alone would have got: 400, or 413 when it is too large (dropped for good); 503 when its
/// execution has not applied it yet (post it again).
/// </param>
public sealed record RejectedEvent(string? EventId, int Status, string Detail);
