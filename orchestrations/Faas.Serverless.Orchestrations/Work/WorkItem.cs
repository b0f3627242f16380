using System.Text.Json;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>One attempt of one execution, as a runner receives it. The message carries everything the runner
/// needs so that leasing costs no extra storage reads, except a large input: the message names its payload
/// (<paramref name="InputBlob"/>) and the lease reads it.</summary>
public sealed record WorkItem(
    string ExecutionId,
    string ProjectId,
    string ServiceId,
    int Attempt,
    string FunctionName,
    IReadOnlyDictionary<string, JsonElement> Input,
    int TimeoutSeconds,
    JsonElement? Context,
    string? InputBlob = null);

/// <summary>A work item held by a replica until it is completed, released, or its lease runs out.</summary>
public sealed record LeasedWork(string LeaseId, WorkItem Item, long DequeueCount);
