using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Faas.Serverless.Functions.Durable;

/// <summary>
/// The execution orchestration under the Durable Task extension: the very <see cref="ExecutionOrchestration"/> the
/// local host's worker runs, under the name the engine starts it by.
/// </summary>
public static class ExecutionOrchestrationFunction
{
    [Function(ExecutionOrchestration.Name)]
    public static Task<ExecutionStatus> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ExecutionOrchestration().RunAsync(context, context.GetInput<ExecutionOrchestrationInput>()!);
}
