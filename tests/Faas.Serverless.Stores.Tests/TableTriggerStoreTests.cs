using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Stores.Triggers;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

[Collection("Azurite")]
public sealed class TableTriggerStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreateAsync_EventTrigger_RoundTripsSpecAndState()
    {
        var store = new TableTriggerStore(await StoreScope.CreateAsync(azurite));
        var created = await store.CreateAsync(EventTrigger("p1", TriggerResource.Item));

        var read = await store.GetAsync("p1", created.Id);

        Assert.NotNull(read);
        Assert.Equal(created.RowETag, read.RowETag);
        Assert.Equal(["Created", "Updated"], read.Spec.Actions);
        Assert.Equal("""{"dir":"/train"}""", read.Spec.Filter!.Value.GetRawText());
        Assert.Equal("cat", read.Spec.Input["label"].GetString());
        Assert.Equal(TriggerExecutionMode.Once, read.Spec.ExecutionMode);
        Assert.Equal(TriggerState.Initial, read.State);
    }

    [Fact]
    public async Task SetStateAsync_StaleRow_ThrowsAndKeepsTheNewerCheckpoint()
    {
        var store = new TableTriggerStore(await StoreScope.CreateAsync(azurite));
        var created = await store.CreateAsync(CronTrigger("p1"));
        await store.SetStateAsync(created, created.State with { Checkpoint = Now.AddSeconds(2) });

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.SetStateAsync(created, created.State with { Checkpoint = Now.AddSeconds(1) }));

        Assert.Equal(Now.AddSeconds(2), (await store.GetAsync("p1", created.Id))!.State.Checkpoint);
    }

    [Fact]
    public async Task CountEventsAsync_Concurrent_AddsEveryCount()
    {
        var store = new TableTriggerStore(await StoreScope.CreateAsync(azurite));
        var created = await store.CreateAsync(EventTrigger("p1", TriggerResource.Item));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.CountEventsAsync("p1", created.Id, skipped: 1, droppedLoop: 2)));

        var state = (await store.GetAsync("p1", created.Id))!.State;
        Assert.Equal(8, state.SkippedEvents);
        Assert.Equal(16, state.DroppedLoopEvents);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInAnotherCase_ThrowsConflictAndOtherProjectsMayUseIt()
    {
        var store = new TableTriggerStore(await StoreScope.CreateAsync(azurite));
        var first = await store.CreateAsync(EventTrigger("p1", TriggerResource.Item) with { Name = "nightly" });

        var clash = await Assert.ThrowsAsync<ConflictException>(() => store.CreateAsync(EventTrigger("p1", TriggerResource.Item) with { Name = "NIGHTLY" }));
        await store.CreateAsync(EventTrigger("p2", TriggerResource.Item) with { Name = "nightly" });

        Assert.Contains(first.Id, clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListActive_FiltersByTypeResourceActivityAndProject()
    {
        var store = new TableTriggerStore(await StoreScope.CreateAsync(azurite));
        var item = await store.CreateAsync(EventTrigger("p1", TriggerResource.Item));
        await store.CreateAsync(EventTrigger("p1", TriggerResource.Dataset));
        await store.CreateAsync(EventTrigger("p1", TriggerResource.Item) with { Active = false });
        await store.CreateAsync(EventTrigger("p2", TriggerResource.Item));
        var cron1 = await store.CreateAsync(CronTrigger("p1"));
        var cron2 = await store.CreateAsync(CronTrigger("p2"));

        var events = await store.ListActiveEventTriggersAsync("p1", TriggerResource.Item);
        var crons = await store.ListActiveCronTriggersAsync();

        Assert.Equal([item.Id], events.Select(t => t.Id));
        Assert.Equal(new[] { cron1.Id, cron2.Id }.Order(), crons.Select(t => t.Id).Order());
        Assert.Equal(4, (await store.ListAsync("p1", new PageRequest())).Items.Count);
    }

    [Fact]
    public async Task DeleteAsync_StaleRow_Throws()
    {
        var store = new TableTriggerStore(await StoreScope.CreateAsync(azurite));
        var created = await store.CreateAsync(CronTrigger("p1"));
        await store.SetStateAsync(created, created.State with { SkippedTicks = 1 });

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.DeleteAsync(created));
    }

    [Fact]
    public async Task ClaimAsync_ConcurrentEventsForOneResource_OneWins()
    {
        var store = new TableTriggerOnceStore(await StoreScope.CreateAsync(azurite));

        var holders = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => store.ClaimAsync("trigger", "items/1#a", $"event-{i}")));

        var winner = Assert.Single(holders.Distinct());
        Assert.Equal(winner, await store.ClaimAsync("trigger", "items/1#a", "late"));
        Assert.Equal("other", await store.ClaimAsync("trigger", "items/2", "other"));
    }

    [Fact]
    public async Task ReleaseAsync_ThenClaim_TheNextEventWins()
    {
        var store = new TableTriggerOnceStore(await StoreScope.CreateAsync(azurite));
        await store.ClaimAsync("trigger", "r", "first");

        await store.ReleaseAsync("trigger", "r");

        Assert.Equal("second", await store.ClaimAsync("trigger", "r", "second"));
    }

    [Fact]
    public async Task DeleteAllAsync_ManyRecords_ForgetsThem()
    {
        var store = new TableTriggerOnceStore(await StoreScope.CreateAsync(azurite));
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => store.ClaimAsync("trigger", $"r{i}", "e")));

        await store.DeleteAllAsync("trigger");

        Assert.Equal("again", await store.ClaimAsync("trigger", "r7", "again"));
    }

    // Names are unique per project, so each trigger gets its own.
    private static Trigger EventTrigger(string projectId, TriggerResource resource) => Named(
        projectId, "t", TriggerType.Event,
        new TriggerSpec(resource, ["Created", "Updated"], Json("""{"dir":"/train"}"""), TriggerExecutionMode.Once,
            new Dictionary<string, JsonElement> { ["label"] = Json("\"cat\"") }, new TriggerOperation("function", "svc", "tag"), null, null, null, null, null),
        TriggerState.Initial);

    private static Trigger CronTrigger(string projectId) => Named(
        projectId, "c", TriggerType.Cron,
        new TriggerSpec(null, null, null, null, new Dictionary<string, JsonElement>(), new TriggerOperation("function", "svc", "run"), "* * * * * *", null, null, null, null),
        TriggerState.Initial with { Checkpoint = Now });

    private static Trigger Named(string projectId, string prefix, TriggerType type, TriggerSpec spec, TriggerState state)
    {
        var id = Ids.New();
        return new Trigger(id, projectId, $"{prefix}-{id}", type, true, spec, Now, Now, "me", "W/\"1\"", state, string.Empty);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
