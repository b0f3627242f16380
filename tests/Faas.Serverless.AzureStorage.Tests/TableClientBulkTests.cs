using System.Globalization;
using Faas.Serverless.Testing;

namespace Faas.Serverless.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class TableClientBulkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableClient _table = azurite.CreateAccount().GetTableClient(AzuriteFixture.UniqueName("bulk"));

    public Task InitializeAsync() => _table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _table.DeleteIfExistsAsync();

    [Fact]
    public async Task QueryAsync_1200EntitiesInManyPartitions_SeesEachExactlyOnce()
    {
        // 40 partitions of 30 rows: pages of 1,000 and of 7 both end mid-partition and at partition edges.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(partition => _table.SubmitTransactionAsync(
            Enumerable.Range(0, 30).Select(row => Add(Key(partition), Key(row))).ToList())));

        var byServerPages = await _table.QueryAsync().ToListAsync();
        var bySmallPages = await _table.QueryAsync(pageSize: 7).ToListAsync();
        var token = (await _table.QueryPageAsync(top: 1000)).Continuation!.ToToken();
        var resumed = await _table.QueryPageAsync(continuation: TableContinuation.FromToken(token));

        foreach (var seen in new[] { byServerPages, bySmallPages })
        {
            Assert.Equal(1200, seen.Count);
            Assert.Equal(1200, seen.Select(entity => (entity.PartitionKey, entity.RowKey)).Distinct().Count());
        }

        Assert.Equal(200, resumed.Entities.Count);
        Assert.Null(resumed.Continuation);
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredAdds_ReturnsAnETagEach()
    {
        var results = await _table.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(row => Add("hundred", Key(row))).ToList());

        Assert.Equal(100, results.Count);
        Assert.All(results, result => Assert.False(string.IsNullOrEmpty(result.ETag)));
        Assert.Equal(100, (await _table.QueryAsync(TableFilter.Format($"PartitionKey eq {"hundred"}")).ToListAsync()).Count);
        var stored = await _table.GetEntityAsync("hundred", Key(42));
        Assert.Equal(results[42].ETag, stored!.ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_AllActionTypes_AreApplied()
    {
        var etag = await _table.AddEntityAsync(new TableEntity("mix", "merge") { ["A"] = 1, ["B"] = 1 });
        await _table.AddEntityAsync(new TableEntity("mix", "replace") { ["A"] = 1, ["B"] = 1 });
        await _table.AddEntityAsync(new TableEntity("mix", "upsertmerge") { ["A"] = 1 });
        await _table.AddEntityAsync(new TableEntity("mix", "delete"));

        var results = await _table.SubmitTransactionAsync(
        [
            Add("mix", "add"),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("mix", "merge") { ["B"] = 2 }, etag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("mix", "replace") { ["B"] = 2 }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("mix", "upsertmerge") { ["B"] = 2 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("mix", "upsertreplace") { ["B"] = 2 }),
            new(TableTransactionActionType.Delete, new TableEntity("mix", "delete")),
        ]);

        var stored = (await _table.QueryAsync(TableFilter.Format($"PartitionKey eq {"mix"}")).ToListAsync()).ToDictionary(entity => entity.RowKey);
        Assert.Equal(6, results.Count);
        Assert.Null(results[5].ETag);
        Assert.Equal(["add", "merge", "replace", "upsertmerge", "upsertreplace"], stored.Keys.Order());
        Assert.Equal(["A", "B"], stored["merge"].Properties.Keys.Order());
        Assert.Equal(["B"], stored["replace"].Properties.Keys);
        Assert.Equal(["A", "B"], stored["upsertmerge"].Properties.Keys.Order());
        Assert.Equal(results[1].ETag, stored["merge"].ETag);
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETagInMiddle_AppliesNothingAndReportsIndex()
    {
        var stale = await _table.AddEntityAsync(new TableEntity("atomic", "existing") { ["V"] = 1 });
        await _table.UpsertEntityAsync(new TableEntity("atomic", "existing") { ["V"] = 2 });

        var exception = await Assert.ThrowsAsync<TableTransactionFailedException>(() => _table.SubmitTransactionAsync(
        [
            Add("atomic", "new1"),
            Add("atomic", "new2"),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("atomic", "existing") { ["V"] = 3 }, stale),
            Add("atomic", "new3"),
        ]));

        Assert.Equal(2, exception.FailedIndex);
        Assert.True(exception.IsPreconditionFailed);
        Assert.Null(await _table.GetEntityAsync("atomic", "new1"));
        Assert.Null(await _table.GetEntityAsync("atomic", "new2"));
        Assert.Equal(2, (await _table.GetEntityAsync("atomic", "existing"))!.GetInt32("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_AddExistingOrDeleteAbsent_ReportsConflictOrNotFound()
    {
        await _table.AddEntityAsync(new TableEntity("fail", "exists"));

        var conflict = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => _table.SubmitTransactionAsync([Add("fail", "a"), Add("fail", "exists")]));
        var notFound = await Assert.ThrowsAsync<TableTransactionFailedException>(
            () => _table.SubmitTransactionAsync([new(TableTransactionActionType.Delete, new TableEntity("fail", "absent"))]));

        Assert.Equal((409, 1), (conflict.Status, conflict.FailedIndex));
        Assert.Equal("EntityAlreadyExists", conflict.ErrorCode);
        Assert.Equal((404, 0), (notFound.Status, notFound.FailedIndex));
        Assert.Null(await _table.GetEntityAsync("fail", "a"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_InvalidShape_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync([Add("a", "1"), Add("b", "1")]));
        await Assert.ThrowsAsync<ArgumentException>(() => _table.SubmitTransactionAsync([Add("a", "1"), Add("a", "1")]));
        await Assert.ThrowsAsync<ArgumentException>(
            () => _table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(row => Add("a", Key(row))).ToList()));
    }

    private static TableTransactionAction Add(string partitionKey, string rowKey) =>
        new(TableTransactionActionType.Add, new TableEntity(partitionKey, rowKey) { ["Payload"] = partitionKey + "/" + rowKey });

    private static string Key(int value) => value.ToString("D4", CultureInfo.InvariantCulture);
}
