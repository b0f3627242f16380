using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Stores.Identity;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Caching.Memory;

namespace Faas.Serverless.Stores.Tests;

/// <summary>Two "hosts" on the same tables, each with its own cache, as two platform hosts share one storage account.</summary>
[Collection("Azurite")]
public sealed class CachedProjectStoreTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    // Long enough that a loaded machine's storage round trips stay inside it.
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);
    private readonly MemoryCache _cacheA = new(new MemoryCacheOptions());
    private readonly MemoryCache _cacheB = new(new MemoryCacheOptions());

    [Fact]
    public async Task GetMemberAsync_RemovedOnThisHost_RefusedAtOnce()
    {
        var (hostA, _, project) = await ArrangeAsync();
        Assert.NotNull(await hostA.GetMemberAsync(project.Id, "user-1"));

        await hostA.RemoveMemberAsync(project.Id, "user-1");

        Assert.Null(await hostA.GetMemberAsync(project.Id, "user-1"));
    }

    [Fact]
    public async Task GetMemberAsync_RoleChangedOnAnotherHost_OldRoleUntilTheLifetimeEnds()
    {
        var (hostA, hostB, project) = await ArrangeAsync();
        Assert.Equal(ProjectRole.Developer, (await hostB.GetMemberAsync(project.Id, "user-1"))?.Role);

        await hostA.SetMemberAsync(new ProjectMember(project.Id, "user-1", ProjectRole.Viewer, Now));

        Assert.Equal(ProjectRole.Viewer, (await hostA.GetMemberAsync(project.Id, "user-1"))?.Role);
        Assert.Equal(ProjectRole.Developer, (await hostB.GetMemberAsync(project.Id, "user-1"))?.Role);
        await Task.Delay(Lifetime * 2);
        Assert.Equal(ProjectRole.Viewer, (await hostB.GetMemberAsync(project.Id, "user-1"))?.Role);
    }

    [Fact]
    public async Task GetAsync_MissCachedThenCreatedOnThisHost_Found()
    {
        var (hostA, _, _) = await ArrangeAsync();
        var later = new Project(Ids.New(), "Later", "org", Now, "admin");
        Assert.Null(await hostA.GetAsync(later.Id));

        await hostA.CreateAsync(later, new ProjectMember(later.Id, "user-2", ProjectRole.Owner, Now));

        Assert.Equal("Later", (await hostA.GetAsync(later.Id))?.Name);
        Assert.Equal(ProjectRole.Owner, (await hostA.GetMemberAsync(later.Id, "user-2"))?.Role);
    }

    [Fact]
    public async Task GetMemberAsync_ReadUnderWayDuringAChangeOnThisHost_ItsOldAnswerIsNotKept()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var gated = new GatedMemberReads(new TableProjectStore(tables));
        var host = new CachedProjectStore(gated, _cacheA, Lifetime);
        var project = new Project(Ids.New(), "P", "org", Now, "admin");
        await host.CreateAsync(project, new ProjectMember(project.Id, "user-1", ProjectRole.Developer, Now));

        var slowRead = host.GetMemberAsync(project.Id, "user-1");
        await gated.ReadDone.Task;
        await host.SetMemberAsync(new ProjectMember(project.Id, "user-1", ProjectRole.Viewer, Now));
        gated.Release.SetResult();

        Assert.Equal(ProjectRole.Developer, (await slowRead)?.Role);
        Assert.Equal(ProjectRole.Viewer, (await host.GetMemberAsync(project.Id, "user-1"))?.Role);
    }

    public void Dispose()
    {
        _cacheA.Dispose();
        _cacheB.Dispose();
    }

    private async Task<(CachedProjectStore HostA, CachedProjectStore HostB, Project Project)> ArrangeAsync()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var hostA = new CachedProjectStore(new TableProjectStore(tables), _cacheA, Lifetime);
        var hostB = new CachedProjectStore(new TableProjectStore(tables), _cacheB, Lifetime);
        var project = new Project(Ids.New(), "P", "org", Now, "admin");
        await hostA.CreateAsync(project, new ProjectMember(project.Id, "user-1", ProjectRole.Developer, Now));
        return (hostA, hostB, project);
    }

    /// <summary>Holds the first membership read's answer until released, as a slow storage round trip would.</summary>
    private sealed class GatedMemberReads(IProjectStore inner) : IProjectStore
    {
        private int _reads;

        public TaskCompletionSource ReadDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<ProjectMember?> GetMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default)
        {
            var member = await inner.GetMemberAsync(projectId, userId, cancellationToken);
            if (Interlocked.Increment(ref _reads) == 1)
            {
                ReadDone.SetResult();
                await Release.Task;
            }

            return member;
        }

        public Task CreateAsync(Project project, ProjectMember? owner, CancellationToken cancellationToken = default) => inner.CreateAsync(project, owner, cancellationToken);

        public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken = default) => inner.GetAsync(projectId, cancellationToken);

        public Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) => inner.ListAsync(page, cancellationToken);

        public Task<IReadOnlyList<Project>> ListForUserAsync(string userId, CancellationToken cancellationToken = default) => inner.ListForUserAsync(userId, cancellationToken);

        public Task SetMemberAsync(ProjectMember member, CancellationToken cancellationToken = default) => inner.SetMemberAsync(member, cancellationToken);

        public Task<IReadOnlyList<ProjectMember>> ListMembersAsync(string projectId, CancellationToken cancellationToken = default) => inner.ListMembersAsync(projectId, cancellationToken);

        public Task<bool> RemoveMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default) => inner.RemoveMemberAsync(projectId, userId, cancellationToken);
    }
}
