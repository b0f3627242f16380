using System.Text.Json;
using Faas.Serverless.Orchestrations.Work;

namespace Faas.Serverless.Orchestrations.Engine;

internal static class WorkItems
{
    public static WorkItem For(ExecutionInfo info, int attempt, int timeoutSeconds) =>
        new(info.Id, info.ProjectId, info.ServiceId, attempt, info.FunctionName, info.Input, timeoutSeconds, Context(info, attempt), info.InputBlob);

    /// <summary>What the worker's <c>faas.Context</c> shows user code about the call.</summary>
    private static JsonElement Context(ExecutionInfo info, int attempt) => JsonSerializer.SerializeToElement(new
    {
        execution = new { id = info.Id, attempt, functionName = info.FunctionName, creator = info.Creator, createdAt = info.CreatedAt },
        service = new { id = info.ServiceId, name = info.ServiceName, version = info.ServiceVersion },
        project = new { id = info.ProjectId },
        package = new { id = info.PackageId, name = info.PackageName, revision = info.PackageRevision },
        trigger = info.TriggerId is null ? null : new { id = info.TriggerId },
        @event = info.Event,
    });
}
