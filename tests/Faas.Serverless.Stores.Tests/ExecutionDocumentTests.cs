using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Stores.Executions;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Stores.Tests;

/// <summary>Execution info, state and history: one readable JSON column when small, a blob when large.</summary>
[Collection("Azurite")]
public sealed class ExecutionDocumentTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string Large = new('m', 40_000);

    [Fact]
    public async Task CreateAsync_SmallDocuments_StayInlineAsReadableJsonWithoutBlobs()
    {
        var (store, tables) = await CreateAsync();

        await store.CreateAsync(Info("e1"), State("e1", "started"), [Entry("queued")]);

        var entity = await StoreScope.EntityAsync(tables.Executions, "e1", string.Empty);
        Assert.Equal("e1", JsonDocument.Parse(entity.GetString("State")).RootElement.GetProperty("id").GetString());
        Assert.Equal("svc", JsonDocument.Parse(entity.GetString("Info")).RootElement.GetProperty("serviceName").GetString());
        Assert.Equal("created", entity.GetString("Status"));
        Assert.DoesNotContain(entity.Keys, key => key.EndsWith("Blob", StringComparison.Ordinal) || key.EndsWith("Chunks", StringComparison.Ordinal));
        Assert.Empty(await StoreScope.DocumentBlobsAsync(tables));
    }

    [Fact]
    public async Task CreateAsync_LargeStateAndHistoryEntry_RoundTripThroughBlobsReferencedFromTheRows()
    {
        var (store, tables) = await CreateAsync();

        await store.CreateAsync(Info("e2"), State("e2", Large), [Entry(Large)]);

        var read = await store.GetAsync("e2");
        Assert.Equal(Large, read!.State.LastMessage);
        Assert.Equal(Large, Assert.Single(await store.GetHistoryAsync("e2")).Message);
        var instance = await StoreScope.EntityAsync(tables.Executions, "e2", string.Empty);
        Assert.False(instance.ContainsKey("State"));
        Assert.DoesNotContain(instance.Keys, key => key.StartsWith("State", StringComparison.Ordinal) && key != "StateBlob");
        var stateBlob = instance.GetString("StateBlob");
        Assert.StartsWith($"{tables.Executions.Name}/e2/_/State-", stateBlob, StringComparison.Ordinal);
        Assert.True(instance.ContainsKey("Info"));
        var history = await StoreScope.EntityAsync(tables.Executions, "e2", "h0000000000");
        Assert.Equal(new[] { stateBlob, history.GetString("EntryBlob") }.Order(), (await StoreScope.DocumentBlobsAsync(tables)).Order());
    }

    [Fact]
    public async Task CommitAsync_ReplacingASpilledState_DeletesItsBlob()
    {
        var (store, tables) = await CreateAsync();
        var created = await store.CreateAsync(Info("e3"), State("e3", Large), []);
        var firstBlob = (await StoreScope.EntityAsync(tables.Executions, "e3", string.Empty)).GetString("StateBlob");

        var larger = await store.CommitAsync(created, State("e3", Large + "x"), []);
        var secondBlob = (await StoreScope.EntityAsync(tables.Executions, "e3", string.Empty)).GetString("StateBlob");
        Assert.Equal([secondBlob], await StoreScope.DocumentBlobsAsync(tables));
        Assert.NotEqual(firstBlob, secondBlob);

        await store.CommitAsync(larger, State("e3", "small again"), []);

        Assert.Empty(await StoreScope.DocumentBlobsAsync(tables));
        Assert.Equal("small again", (await store.GetAsync("e3"))!.State.LastMessage);
    }

    [Fact]
    public async Task CommitAsync_StaleETag_ThrowsPreconditionFailedAndKeepsTheWinner()
    {
        var (store, _) = await CreateAsync();
        var created = await store.CreateAsync(Info("e4"), State("e4", "one"), []);
        await store.CommitAsync(created, State("e4", "winner"), [Entry("winner")]);

        await Assert.ThrowsAsync<PreconditionFailedException>(() => store.CommitAsync(created, State("e4", "loser"), [Entry("loser")]));

        Assert.Equal("winner", (await store.GetAsync("e4"))!.State.LastMessage);
        Assert.Equal(["winner"], (await store.GetHistoryAsync("e4")).Select(entry => entry.Message));
    }

    [Fact]
    public async Task CreateAsync_Twice_ThrowsConflict()
    {
        var (store, _) = await CreateAsync();
        await store.CreateAsync(Info("e5"), State("e5", "one"), []);

        await Assert.ThrowsAsync<ConflictException>(() => store.CreateAsync(Info("e5"), State("e5", "two"), []));
    }

    [Fact]
    public async Task ListAsync_PagesWithTokens_AndRefusesAForgedToken()
    {
        var (store, _) = await CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            var record = await store.CreateAsync(Info($"l{i}") with { CreatedAt = Now.AddSeconds(i) }, State($"l{i}", "x"), []);
            await store.UpdateIndexAsync(record);
        }

        var ids = new List<string>();
        var page = new PageRequest(2);
        do
        {
            var result = await store.ListAsync(new ExecutionQuery("p1"), page);
            ids.AddRange(result.Items.Select(summary => summary.Id));
            page = page with { ContinuationToken = result.ContinuationToken };
        }
        while (page.ContinuationToken is not null);

        Assert.Equal(["l4", "l3", "l2", "l1", "l0"], ids);
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => store.ListAsync(new ExecutionQuery("p1"), new PageRequest(2, "not-a-token")));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => store.ListAsync(new ExecutionQuery("p1"), new PageRequest(2, "WyJhIGIiLG51bGxd")));
    }

    private async Task<(TableExecutionStore Store, StoreTables Tables)> CreateAsync()
    {
        var tables = await StoreScope.CreateAsync(azurite);
        return (new TableExecutionStore(tables, Options.Create(new ExecutionLimitOptions())), tables);
    }

    private static ExecutionInfo Info(string id) => new(
        id, "p1", "s1", "svc", 1, "pk1", "pkg", 1, "run", new Dictionary<string, JsonElement>(), "me", null, null, Now);

    private static ExecutionState State(string id, string message) => new(
        id, ExecutionStatus.Created, ExecutionPhase.Queued, 1, 1, 0, new ExecutionPolicy(3, 60), null, null, message, null, null,
        Now, Now, null, null, 0, null, 0, 0, []);

    private static StatusEntry Entry(string message) => new(Now, "created", message, null, null, null);
}
