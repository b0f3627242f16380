using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Stores.Executions;
using Faas.Serverless.Stores.Services;
using Faas.Serverless.Stores.Triggers;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

/// <summary>A spilled document's blob lives exactly as long as some row references it.</summary>
[Collection("Azurite")]
public sealed class DocumentCleanupTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ServiceStore_LargeSpecUpdatedThenDeleted_KeepsOnlyReferencedBlobsAndFinallyNone()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var store = new TableServiceStore(tables);
        var created = await store.CreateAsync(Service(Spec(40_000)));
        Assert.Equal(2, (await StoreScope.DocumentBlobsAsync(tables)).Count);

        var updated = await store.UpdateAsync(created, Spec(41_000), "me", Now);
        var activated = await store.SetActiveAsync(updated, active: true, Now);

        // The old head's blob is gone; the two revisions keep theirs, and the head shares none with them.
        Assert.Equal(3, (await StoreScope.DocumentBlobsAsync(tables)).Count);
        Assert.Equal(41_000, InitParam((await store.GetAsync("p1", created.Id))!.Spec).Length);
        Assert.Equal(40_000, InitParam((await store.GetRevisionAsync("p1", created.Id, 1))!.Spec).Length);
        Assert.Equal([1, 2], (await store.ListRevisionsAsync("p1", created.Id, new PageRequest())).Items.Select(revision => revision.Version));

        await store.DeleteAsync(activated);

        Assert.Empty(await StoreScope.DocumentBlobsAsync(tables));
    }

    [Fact]
    public async Task ServiceStore_StaleETag_ThrowsPreconditionFailed()
    {
        var store = new TableServiceStore(await StoreScope.CreateAsync(azurite));
        var created = await store.CreateAsync(Service(Spec(10)));
        await store.UpdateAsync(created, Spec(20), "me", Now);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.UpdateAsync(created, Spec(30), "me", Now));
    }

    [Fact]
    public async Task TriggerStore_LargeSpecReplacedBySmallThenDeleted_RemovesTheBlob()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var store = new TableTriggerStore(tables);
        var created = await store.CreateAsync(Trigger(new string('f', 40_000)));
        Assert.Single(await StoreScope.DocumentBlobsAsync(tables));
        Assert.Equal(40_000, (await store.GetAsync("p1", created.Id))!.Spec.Filter!.Value.GetString()!.Length);

        var checkpointed = await store.SetStateAsync(created, created.State with { Checkpoint = Now });
        Assert.Single(await StoreScope.DocumentBlobsAsync(tables));

        var replaced = await store.ReplaceAsync(checkpointed, checkpointed with { Spec = Trigger("small").Spec });
        Assert.Empty(await StoreScope.DocumentBlobsAsync(tables));

        var large = await store.ReplaceAsync(replaced, replaced with { Spec = Trigger(new string('g', 40_000)).Spec });
        Assert.Single(await StoreScope.DocumentBlobsAsync(tables));
        await store.DeleteAsync(large);

        Assert.Empty(await StoreScope.DocumentBlobsAsync(tables));
    }

    [Fact]
    public async Task DeadLetterStore_LargeLetter_RoundTripsAndItsBlobGoesWithIt()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var store = new TableDeadLetterStore(tables);
        var letter = new DeadLetter(Ids.New(), "p1", "e1", "work", new string('q', 60_000), "poison", 5, Now);

        await store.AddAsync(letter);
        Assert.Equal(letter, await store.GetAsync("p1", letter.Id));
        Assert.Equal(letter, Assert.Single((await store.ListAsync("p1", new PageRequest())).Items));
        Assert.Single(await StoreScope.DocumentBlobsAsync(tables));

        Assert.True(await store.DeleteAsync("p1", letter.Id));

        Assert.Empty(await StoreScope.DocumentBlobsAsync(tables));
        Assert.False(await store.DeleteAsync("p1", letter.Id));
    }

    private static string InitParam(ServiceSpec spec) => spec.InitParams["blob"].GetString()!;

    private static ServiceSpec Spec(int size) => new(
        "pk1", "pkg", 1, "m", new Dictionary<string, JsonElement> { ["blob"] = JsonSerializer.SerializeToElement(new string('s', size)) },
        new ServiceRuntime(false, 1, 1, null, null), 3, 60, 30, OnReset.Rerun, "bot");

    private static Service Service(ServiceSpec spec) => new(Ids.New(), "p1", "svc" + Ids.New()[..6], spec, false, false, 1, Now, Now, "me", string.Empty);

    private static Trigger Trigger(string filter) => new(
        Ids.New(), "p1", "t", TriggerType.Event, true,
        new TriggerSpec(TriggerResource.Item, ["Created"], JsonSerializer.SerializeToElement(filter), TriggerExecutionMode.Once,
            new Dictionary<string, JsonElement>(), new TriggerOperation("function", "svc", "tag"), null, null, null, null, null),
        Now, Now, "me", "W/\"1\"", TriggerState.Initial, string.Empty);
}
