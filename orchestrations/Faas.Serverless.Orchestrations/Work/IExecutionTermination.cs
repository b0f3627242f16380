namespace Faas.Serverless.Orchestrations.Work;

/// <summary>Answers a runner's renewal: has someone asked to stop this attempt?</summary>
public interface IExecutionTermination
{
    Task<bool> IsRequestedAsync(string executionId, int attempt, CancellationToken cancellationToken = default);
}
