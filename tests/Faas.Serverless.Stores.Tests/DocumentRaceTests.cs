using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Stores.Triggers;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

/// <summary>
/// A reader holding a row whose spilled document a writer has since replaced (and whose blob it deleted) reads the
/// row again instead of failing on the missing blob.
/// </summary>
[Collection("Azurite")]
public sealed class DocumentRaceTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FromEntityAsync_BlobReplacedAfterTheRowWasRead_ReturnsTheNewerDocument()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var store = new TableTriggerStore(tables);
        var created = await store.CreateAsync(Trigger(new string('f', 40_000)));
        var stale = await StoreScope.EntityAsync(tables.Triggers, "p1", created.Id);
        var replaced = await store.ReplaceAsync(created, created with { Spec = Trigger(new string('g', 40_000)).Spec });

        var read = await Rows(tables).FromEntityAsync(stale, CancellationToken.None);

        Assert.Equal(replaced.RowETag, read!.RowETag);
        Assert.StartsWith("ggg", read.Spec.Filter!.Value.GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromEntityAsync_RowDeletedAfterItWasRead_ReturnsNull()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        var store = new TableTriggerStore(tables);
        var created = await store.CreateAsync(Trigger(new string('f', 40_000)));
        var stale = await StoreScope.EntityAsync(tables.Triggers, "p1", created.Id);
        await store.DeleteAsync(created);

        Assert.Null(await Rows(tables).FromEntityAsync(stale, CancellationToken.None));
    }

    private static TriggerRows Rows(StoreTables tables) => new(new DocumentColumns(tables.Documents, tables.Triggers));

    private static Trigger Trigger(string filter) => new(
        Ids.New(), "p1", "t", TriggerType.Event, true,
        new TriggerSpec(TriggerResource.Item, ["Created"], JsonSerializer.SerializeToElement(filter), TriggerExecutionMode.Once,
            new Dictionary<string, JsonElement>(), new TriggerOperation("function", "svc", "tag"), null, null, null, null, null),
        Now, Now, "me", "W/\"1\"", TriggerState.Initial, string.Empty);
}
