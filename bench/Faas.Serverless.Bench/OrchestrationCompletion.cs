using DurableTask.Core;

namespace Faas.Serverless.Bench;

/// <summary>One orchestration as the bench's client saw it: scheduled -> its end signalled in-process, and when.</summary>
internal sealed record AwaitedOrchestration(string InstanceId, double ClientMs, DateTimeOffset ObservedAt);

/// <summary>
/// One orchestration's end as the task hub's instance table holds it (status, the client's created and the worker's
/// completed stamp), joined to when the bench saw it.
/// </summary>
internal sealed record OrchestrationCompletion(string InstanceId, OrchestrationStatus Status, DateTime CreatedTime, DateTime CompletedTime, DateTimeOffset ObservedAt)
{
    /// <summary>Created (stamped by the client that scheduled it) -> completed (stamped by the worker), the bare run's "server" time.</summary>
    public double ServerMs => (CompletedTime - CreatedTime).TotalMilliseconds;

    public bool Succeeded => Status == OrchestrationStatus.Completed;
}

/// <summary>A closed loop's orchestrations, awaited; <see cref="BareDurableTaskLoad.SummarizeAsync"/> reads their ends.</summary>
internal sealed record AwaitedLoop(string Name, IReadOnlyList<AwaitedOrchestration> Orchestrations, TimeSpan Elapsed, DateTimeOffset Started);
