using System.Collections.Concurrent;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace Faas.Serverless.Stores.Identity;

/// <summary>
/// Every project route checks the project and the caller's membership, and every execute checks the service bot's:
/// several reads of the same two rows per execution. They are kept for <paramref name="lifetime"/>, the same
/// revocation delay as API keys: a membership changed on this host takes effect at once (its entry is dropped, and a
/// read that was under way during the change does not cache what it read), one changed on another host within the
/// lifetime. A project never changes once created, so only its existence is at stake (a miss is cached too, and
/// dropped when this host creates the project).
/// </summary>
public sealed class CachedProjectStore(IProjectStore inner, IMemoryCache cache, TimeSpan lifetime) : IProjectStore
{
    /// <summary>How many times each key changed on this host: a read caches its answer only if none happened meanwhile.</summary>
    private readonly ConcurrentDictionary<string, long> _changes = new(StringComparer.Ordinal);

    public async Task CreateAsync(Project project, ProjectMember? owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        await inner.CreateAsync(project, owner, cancellationToken);
        Changed(ProjectKey(project.Id));
        if (owner is not null)
        {
            Changed(MemberKey(owner.ProjectId, owner.UserId));
        }
    }

    public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken = default) =>
        CachedAsync(ProjectKey(projectId), () => inner.GetAsync(projectId, cancellationToken));

    public Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        inner.ListAsync(page, cancellationToken);

    public Task<IReadOnlyList<Project>> ListForUserAsync(string userId, CancellationToken cancellationToken = default) =>
        inner.ListForUserAsync(userId, cancellationToken);

    public async Task SetMemberAsync(ProjectMember member, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(member);
        try
        {
            await inner.SetMemberAsync(member, cancellationToken);
        }
        finally
        {
            Changed(MemberKey(member.ProjectId, member.UserId));
        }
    }

    public Task<ProjectMember?> GetMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default) =>
        CachedAsync(MemberKey(projectId, userId), () => inner.GetMemberAsync(projectId, userId, cancellationToken));

    public Task<IReadOnlyList<ProjectMember>> ListMembersAsync(string projectId, CancellationToken cancellationToken = default) =>
        inner.ListMembersAsync(projectId, cancellationToken);

    public async Task<bool> RemoveMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.RemoveMemberAsync(projectId, userId, cancellationToken);
        }
        finally
        {
            Changed(MemberKey(projectId, userId));
        }
    }

    private static string ProjectKey(string projectId) => "project:" + projectId;

    private static string MemberKey(string projectId, string userId) => $"member:{projectId}:{userId}";

    private void Changed(string key)
    {
        _changes.AddOrUpdate(key, 1, static (_, count) => count + 1);
        cache.Remove(key);
    }

    private async Task<T?> CachedAsync<T>(string key, Func<Task<T?>> read)
        where T : class
    {
        if (lifetime == TimeSpan.Zero)
        {
            return await read();
        }

        if (cache.TryGetValue(key, out T? cached))
        {
            return cached;
        }

        var changesBefore = _changes.GetValueOrDefault(key);
        var value = await read();
        if (_changes.GetValueOrDefault(key) == changesBefore)
        {
            cache.Set(key, value, lifetime);
        }

        return value;
    }
}
