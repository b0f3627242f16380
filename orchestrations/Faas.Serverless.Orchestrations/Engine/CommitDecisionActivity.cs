using Microsoft.DurableTask;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>Commits one decision of <see cref="ExecutionOrchestration"/>: the execution's record, and its sends.</summary>
[DurableTask(Name)]
public sealed class CommitDecisionActivity(ExecutionCommitter committer) : TaskActivity<DecisionCommit, bool>
{
    public const string Name = "CommitDecision";

    public override async Task<bool> RunAsync(TaskActivityContext context, DecisionCommit input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await committer.CommitAsync(input);
        return true;
    }
}
