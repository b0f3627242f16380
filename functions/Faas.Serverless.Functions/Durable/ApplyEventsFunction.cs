using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Durable;

/// <summary>
/// The execution orchestration's activity under the Durable Task extension: the very <see cref="ApplyEventsActivity"/>
/// the local host's worker runs, under the name the orchestration calls it by.
/// </summary>
public sealed class ApplyEventsFunction(ApplyEventsActivity activity)
{
    [Function(ApplyEventsActivity.Name)]
    public Task<ExecutionState> RunAsync([ActivityTrigger] ExecutionEventBatch batch, string instanceId) =>
        activity.RunAsync(new FunctionActivityContext(ApplyEventsActivity.Name, instanceId), batch);
}
