using Faas.Serverless.Api.Http;
using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

internal static partial class ExecutionEndpoints
{
    /// <summary>
    /// The execution's Durable Task instance as the task hub holds it (runtime status, custom status, history), for
    /// debugging: the same rows Durable Functions tooling shows.
    /// </summary>
    private static async Task<Results<Ok<OrchestrationView>, ProblemHttpResult>> GetOrchestrationAsync(
        string executionId, HttpContext http, ExecutionEngine engine, OrchestrationHistoryReader history, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, executionId, engine, cancellationToken) is null)
        {
            return NotFound(executionId);
        }

        return await history.ReadAsync(executionId, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : Problems.NotFound($"Execution '{executionId}' has no orchestration instance in this task hub.");
    }
}
