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
}
