using System.Collections.Concurrent;
using DurableTask.Core;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Finds orchestrators and activities by name alone. Microsoft.DurableTask schedules an activity with its
/// orchestration's version, and we register unversioned classes, so a name-and-version lookup could miss them.
/// </summary>
internal sealed class NameOnlyObjectManager<T> : INameVersionObjectManager<T>
    where T : class
{
    private readonly ConcurrentDictionary<string, ObjectCreator<T>> _creators = new(StringComparer.OrdinalIgnoreCase);

    public void Add(ObjectCreator<T> creator)
    {
        ArgumentNullException.ThrowIfNull(creator);
        if (!_creators.TryAdd(creator.Name, creator))
        {
            throw new InvalidOperationException($"Two durable {typeof(T).Name} classes are named '{creator.Name}'.");
        }
    }

    public T? GetObject(string name, string? version) => _creators.TryGetValue(name, out var creator) ? creator.Create() : null;
}
