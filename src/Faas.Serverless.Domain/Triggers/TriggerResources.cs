using System.Diagnostics.CodeAnalysis;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Triggers;

/// <summary>The platform entities whose events a trigger can listen to (the seeds' resource table).</summary>
// The members are the API's resource names ("Task" is a labelling task), not .NET type references.
#pragma warning disable CA1720
public enum TriggerResource
{
    Item,
    Dataset,
    Annotation,
    ItemStatus,
    Task,
    Assignment,
    Model,
}
#pragma warning restore CA1720

/// <summary>
/// Which actions each resource has, which function input type receives it, and where Once is refused; names are
/// matched case-insensitively and reported in the seeds' spelling.
/// </summary>
public static class TriggerResources
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
    public const string Clone = "Clone";
    public const string TaskAssigned = "taskAssigned";
    public const string StatusChanged = "statusChanged";

    private static readonly Dictionary<TriggerResource, string[]> ActionTable = new()
    {
        [TriggerResource.Item] = [Created, Updated, Deleted, Clone],
        [TriggerResource.Dataset] = [Created, Updated, Deleted],
        [TriggerResource.Annotation] = [Created, Updated, Deleted],
        [TriggerResource.ItemStatus] = [Updated, TaskAssigned],
        [TriggerResource.Task] = [Created, Updated, Deleted, StatusChanged],
        [TriggerResource.Assignment] = [Created, Updated, Deleted, StatusChanged],
        [TriggerResource.Model] = [Created, Updated, Deleted],
    };

    public static string ResourceNames { get; } = string.Join(", ", Enum.GetNames<TriggerResource>());

    public static IReadOnlyList<string> Actions(TriggerResource resource) => ActionTable[resource];

    public static bool TryParseResource([NotNullWhen(true)] string? value, out TriggerResource resource)
    {
        resource = default;
        return value is not null
            && !value.Any(char.IsAsciiDigit)
            && Enum.TryParse(value, ignoreCase: true, out resource)
            && Enum.IsDefined(resource);
    }

    /// <param name="action">The canonical spelling, e.g. <c>taskAssigned</c> for "TaskAssigned".</param>
    public static bool TryParseAction(TriggerResource resource, string? value, [NotNullWhen(true)] out string? action)
    {
        action = ActionTable[resource].FirstOrDefault(candidate => string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase));
        return action is not null;
    }

    /// <summary>The function input type that receives the resource; an item's status event delivers the item.</summary>
    public static IoTypeKind InputKind(TriggerResource resource) => resource switch
    {
        TriggerResource.Item or TriggerResource.ItemStatus => IoTypeKind.Item,
        TriggerResource.Dataset => IoTypeKind.Dataset,
        TriggerResource.Annotation => IoTypeKind.Annotation,
        TriggerResource.Task => IoTypeKind.Task,
        TriggerResource.Assignment => IoTypeKind.Assignment,
        _ => IoTypeKind.Model,
    };

    /// <summary>
    /// The seeds offer Once for Updated and statusChanged "excluding Task and Assignment": a task or assignment changes
    /// many times by design, so those triggers always fire.
    /// </summary>
    public static bool AllowsOnce(TriggerResource resource, string action) =>
        resource is not (TriggerResource.Task or TriggerResource.Assignment) || action is not (Updated or StatusChanged);
}
