using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Stores.Packages;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

[Collection("Azurite")]
public sealed class TablePackageStoreTests(AzuriteFixture azurite)
{
    private static readonly CodebaseRef Code = new(new string('a', 64), 123);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateAsync_SameNameDifferentCase_ThrowsConflict()
    {
        var store = new TablePackageStore(await StoreScope.CreateAsync(azurite));
        await store.CreateAsync(First("project", "Tagger"), "Tagger");

        await Assert.ThrowsAsync<ConflictException>(() => store.CreateAsync(First("project", "tagger"), "tagger"));
    }

    [Fact]
    public async Task AddRevisionAsync_StaleHead_ThrowsAndWritesNothing()
    {
        var store = new TablePackageStore(await StoreScope.CreateAsync(azurite));
        var head = await store.CreateAsync(First("project", "pkg"), "pkg");
        await store.AddRevisionAsync(head, Schema("pkg"), Code, "u2", Now);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.AddRevisionAsync(head, Schema("pkg"), Code, "u3", Now));

        var revisions = await store.ListRevisionsAsync("project", head.Id, new PageRequest());
        Assert.Equal([1, 2], revisions.Items.Select(r => r.Revision));
        Assert.Equal(2, (await store.GetAsync("project", head.Id))!.Version);
    }

    [Fact]
    public async Task CreateAsync_SchemaLargerThanOneProperty_RoundTrips()
    {
        var store = new TablePackageStore(await StoreScope.CreateAsync(azurite));
        var functions = Enumerable.Range(0, 400)
            .Select(i => new FunctionSchema($"function_{i}", new string('d', 150) + "é✓", $"Function {i}", [new FunctionIo("item", "Item")], []))
            .ToList();
        var schema = new PackageSchema("big", [new ModuleSchema("default_module", "main.py", "ServiceRunner", [], functions)]);

        var created = await store.CreateAsync(new PackageRevision(Ids.New(), "project", 1, schema, Code, Now, "u1"), "big");
        var read = await store.GetRevisionAsync("project", created.Id, 1);

        Assert.Equal(400, read!.Schema.Modules[0].Functions.Count);
        var last = read.Schema.Modules[0].Functions[399];
        Assert.Equal(functions[399].Description, last.Description);
        Assert.Equal("Item", Assert.Single(last.Input).Type);
    }

    [Fact]
    public async Task DeleteAsync_WhileUsed_ThrowsConflictUntilUsageRemoved()
    {
        var store = new TablePackageStore(await StoreScope.CreateAsync(azurite));
        var head = await store.CreateAsync(First("project", "used"), "used");
        await store.AddUsageAsync(head, "svc-1");
        head = (await store.GetAsync("project", head.Id))!;

        await Assert.ThrowsAsync<ConflictException>(() => store.DeleteAsync(head));
        await store.RemoveUsageAsync("project", head.Id, "svc-1");
        await store.DeleteAsync(head);

        Assert.Null(await store.GetAsync("project", head.Id));
        Assert.Null(await store.FindByNameAsync("project", "used"));
        Assert.Null(await store.GetRevisionAsync("project", head.Id, 1));
    }

    [Fact]
    public async Task DeleteAsync_UsageAddedAfterRead_IsRefused()
    {
        var store = new TablePackageStore(await StoreScope.CreateAsync(azurite));
        var head = await store.CreateAsync(First("project", "raced"), "raced");
        await store.AddUsageAsync(head, "svc-late");

        await Assert.ThrowsAnyAsync<Exception>(() => store.DeleteAsync(head));

        Assert.NotNull(await store.GetAsync("project", head.Id));
    }

    [Fact]
    public async Task ListAsync_OtherProjects_AreNotListed()
    {
        var store = new TablePackageStore(await StoreScope.CreateAsync(azurite));
        await store.CreateAsync(First("project-a", "a"), "a");
        await store.CreateAsync(First("project-b", "b"), "b");

        var page = await store.ListAsync("project-a", new PageRequest());

        Assert.Equal(["a"], page.Items.Select(p => p.Name));
    }

    private static PackageSchema Schema(string name) => new(name, [PackageDefaults.Module]);

    private static PackageRevision First(string projectId, string name) => new(Ids.New(), projectId, 1, Schema(name), Code, Now, "u1");
}
