using Microsoft.DurableTask;

namespace Faas.Serverless.Functions.Durable;

/// <summary>What an activity class learns of its run when a function, not the Durable Task worker, calls it.</summary>
internal sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;
}
