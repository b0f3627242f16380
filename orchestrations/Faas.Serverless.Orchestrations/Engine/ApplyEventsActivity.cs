using Faas.Serverless.Orchestrations.Executions;
using Microsoft.DurableTask;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>Events an orchestration hands to <see cref="ApplyEventsActivity"/> for one execution.</summary>
public sealed record ExecutionEventBatch(string ExecutionId, IReadOnlyList<ExecutionEvent> Events);

/// <summary>
/// Applies a batch of events to the execution's record and performs the sends of the decision, for
/// <see cref="ExecutionOrchestration"/>; returns the state as committed, which the orchestration goes on from.
/// </summary>
[DurableTask(Name)]
public sealed class ApplyEventsActivity(ExecutionCommitter committer) : TaskActivity<ExecutionEventBatch, ExecutionState>
{
    public const string Name = "ApplyEvents";

    public override async Task<ExecutionState> RunAsync(TaskActivityContext context, ExecutionEventBatch input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var record = await committer.ApplyAsync(input.ExecutionId, input.Events)
            ?? throw new InvalidOperationException($"Execution '{input.ExecutionId}' has an orchestration but no record.");
        return record.State;
    }
}
