using System.Reflection;
using Microsoft.DurableTask;

namespace Faas.Serverless.Orchestrations.Durable;

internal enum DurableTaskKind
{
    Orchestrator,
    Activity,
}

/// <summary>One orchestrator or activity class added with <c>AddOrchestrator</c>/<c>AddActivity</c>; the worker reads them all.</summary>
internal sealed record DurableTaskRegistration(DurableTaskKind Kind, string Name, Type Type)
{
    /// <summary>The name the Functions extension would give it too: <c>[DurableTask("Name")]</c>, else the class name.</summary>
    public static DurableTaskRegistration For(DurableTaskKind kind, Type type) =>
        new(kind, type.GetCustomAttribute<DurableTaskAttribute>()?.Name.Name is { Length: > 0 } name ? name : type.Name, type);
}
