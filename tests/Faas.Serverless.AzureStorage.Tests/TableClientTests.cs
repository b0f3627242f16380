using Faas.Serverless.Testing;

namespace Faas.Serverless.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class TableClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableClient _table = azurite.CreateAccount().GetTableClient(AzuriteFixture.UniqueName("tbl"));

    public Task InitializeAsync() => _table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => _table.DeleteIfExistsAsync();

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_Succeeds()
    {
        await _table.CreateIfNotExistsAsync();

        var tables = await azurite.CreateAccount().ListTablesAsync().ToListAsync();
        Assert.Contains(_table.Name, tables);
    }

    [Fact]
    public async Task AddEntityAsync_ExistingKey_ThrowsConflict()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r"));

        var exception = await Assert.ThrowsAsync<StorageException>(() => _table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.True(exception.IsConflict);
        Assert.Equal("EntityAlreadyExists", exception.ErrorCode);
    }

    [Fact]
    public async Task GetEntityAsync_Absent_ReturnsNull()
    {
        Assert.Null(await _table.GetEntityAsync("nope", "nope"));
    }

    [Fact]
    public async Task UpdateEntityAsync_CurrentETag_ReturnsNewETagAndStaleOneFails()
    {
        var entity = new TableEntity("p", "r") { ["Value"] = 1 };
        var first = await _table.AddEntityAsync(entity);

        entity["Value"] = 2;
        var second = await _table.UpdateEntityAsync(entity, first, TableUpdateMode.Replace);
        entity["Value"] = 3;
        var stale = await Assert.ThrowsAsync<StorageException>(() => _table.UpdateEntityAsync(entity, first, TableUpdateMode.Merge));

        Assert.NotEqual(first, second);
        Assert.True(stale.IsPreconditionFailed);
        var stored = await _table.GetEntityAsync("p", "r");
        Assert.Equal(2, stored!.GetInt32("Value"));
        Assert.Equal(second, stored.ETag);
        Assert.NotNull(stored.Timestamp);
    }

    [Fact]
    public async Task UpdateEntityAsync_Absent_ThrowsNotFound()
    {
        var exception = await Assert.ThrowsAsync<StorageException>(
            () => _table.UpdateEntityAsync(new TableEntity("p", "absent"), "*", TableUpdateMode.Merge));

        Assert.True(exception.IsNotFound);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_ThrowsPreconditionFailedAndCurrentETagDeletes()
    {
        var first = await _table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1 });
        var second = await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 2 });

        var stale = await Assert.ThrowsAsync<StorageException>(() => _table.DeleteEntityAsync("p", "r", first));
        await _table.DeleteEntityAsync("p", "r", second);

        Assert.True(stale.IsPreconditionFailed);
        Assert.Null(await _table.GetEntityAsync("p", "r"));
        Assert.True((await Assert.ThrowsAsync<StorageException>(() => _table.DeleteEntityAsync("p", "r"))).IsNotFound);
    }

    [Fact]
    public async Task UpdateEntityAsync_MergeVersusReplace_KeepsOrDropsOtherProperties()
    {
        var etag = await _table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await _table.UpdateEntityAsync(new TableEntity("p", "r") { ["B"] = "b2", ["C"] = "c" }, etag, TableUpdateMode.Merge);
        var merged = await _table.GetEntityAsync("p", "r");
        await _table.UpdateEntityAsync(new TableEntity("p", "r") { ["D"] = "d" }, "*", TableUpdateMode.Replace);
        var replaced = await _table.GetEntityAsync("p", "r");

        Assert.Equal(["A", "B", "C"], merged!.Properties.Keys.Order());
        Assert.Equal("b2", merged.GetString("B"));
        Assert.Equal(["D"], replaced!.Properties.Keys);
    }

    [Fact]
    public async Task UpsertEntityAsync_AbsentThenPresent_InsertsThenMergesOrReplaces()
    {
        await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1 }, TableUpdateMode.Merge);
        await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 2 }, TableUpdateMode.Merge);
        var merged = await _table.GetEntityAsync("p", "r");
        await _table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = 3 });
        var replaced = await _table.GetEntityAsync("p", "r");

        Assert.Equal(["A", "B"], merged!.Properties.Keys.Order());
        Assert.Equal(["C"], replaced!.Properties.Keys);
    }

    [Fact]
    public async Task GetEntityAsync_Select_ReturnsOnlySelectedPropertiesWithKeys()
    {
        await _table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        var entity = await _table.GetEntityAsync("p", "r", ["B"]);

        Assert.Equal(("p", "r"), (entity!.PartitionKey, entity.RowKey));
        Assert.Equal(["B"], entity.Properties.Keys);
    }

    [Theory]
    [InlineData("O'Brien", "it's")]
    [InlineData("100% sure", "a b  c")]
    [InlineData("ünïcødé 日本 🎉", "''")]
    [InlineData("p", "")]
    [InlineData("+&=;,:@$!*()", "%27%2F")]
    public async Task PointOperations_SpecialKeys_RoundTrip(string partitionKey, string rowKey)
    {
        var entity = new TableEntity(partitionKey, rowKey) { ["Text"] = partitionKey + "|" + rowKey };

        var etag = await _table.AddEntityAsync(entity);
        entity["Text"] = "updated";
        await _table.UpdateEntityAsync(entity, etag, TableUpdateMode.Merge);
        var read = await _table.GetEntityAsync(partitionKey, rowKey);
        var queried = await _table.QueryAsync(TableFilter.Format($"PartitionKey eq {partitionKey} and RowKey eq {rowKey}")).ToListAsync();
        await _table.DeleteEntityAsync(partitionKey, rowKey, read!.ETag!);
        var batched = await _table.SubmitTransactionAsync([new(TableTransactionActionType.UpsertMerge, entity)]);
        await _table.SubmitTransactionAsync([new(TableTransactionActionType.Delete, entity, batched[0].ETag)]);

        Assert.Equal((partitionKey, rowKey, "updated"), (read.PartitionKey, read.RowKey, read.GetString("Text")));
        Assert.Equal(rowKey, Assert.Single(queried).RowKey);
        Assert.Null(await _table.GetEntityAsync(partitionKey, rowKey));
    }

    [Fact]
    public async Task AddEntityAsync_AllPropertyTypes_RoundTripWithTheirTypes()
    {
        var moment = new DateTimeOffset(2024, 2, 29, 23, 59, 58, 123, TimeSpan.FromHours(-5));
        var guid = Guid.NewGuid();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        const string unicode = "ünïcødé 日本語 🎉 \"quotes\" <xml> & 'single' \\ back";
        var large = string.Concat(Enumerable.Repeat("0123456789abcdeé", 2048));
        var entity = new TableEntity("types", "all")
        {
            ["String"] = unicode, ["Large"] = large, ["Int32"] = int.MinValue, ["Int64"] = long.MaxValue, ["Int64Min"] = long.MinValue,
            ["SmallInt64"] = 7L, ["Double"] = 1234.5678, ["IntegralDouble"] = 2.0, ["Bool"] = true, ["DateTime"] = moment,
            ["UtcDateTime"] = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["Guid"] = guid, ["Binary"] = bytes,
        };

        await _table.AddEntityAsync(entity);
        var read = (await _table.GetEntityAsync("types", "all"))!;
        var queried = Assert.Single(await _table.QueryAsync(TableFilter.Format($"Int64 eq {long.MaxValue} and Guid eq {guid}")).ToListAsync());

        foreach (var stored in new[] { read, queried })
        {
            Assert.Equal(unicode, stored.GetString("String"));
            Assert.Equal(32_768, stored.GetString("Large")!.Length);
            Assert.Equal(large, stored.GetString("Large"));
            Assert.Equal(int.MinValue, stored.GetInt32("Int32"));
            Assert.Equal(long.MaxValue, stored.GetInt64("Int64"));
            Assert.Equal(long.MinValue, stored.GetInt64("Int64Min"));
            Assert.IsType<long>(stored["SmallInt64"]);
            Assert.Equal(1234.5678, stored.GetDouble("Double"));
            Assert.IsType<double>(stored["IntegralDouble"]);
            Assert.True(stored.GetBoolean("Bool"));
            Assert.Equal(moment, stored.GetDateTimeOffset("DateTime"));
            Assert.Equal(moment.Millisecond, stored.GetDateTimeOffset("DateTime")!.Value.Millisecond);
            Assert.Equal(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), stored.GetDateTimeOffset("UtcDateTime"));
            Assert.Equal(guid, stored.GetGuid("Guid"));
            Assert.Equal(bytes, stored.GetBinary("Binary"));
        }
    }

    [Fact]
    public async Task AddEntityAsync_StringOver32KChars_ThrowsPropertyValueTooLarge()
    {
        var entity = new TableEntity("p", "r") { ["Text"] = new string('x', 32 * 1024 + 1) };

        var exception = await Assert.ThrowsAsync<StorageException>(() => _table.AddEntityAsync(entity));

        Assert.Equal((400, "PropertyValueTooLarge"), (exception.Status, exception.ErrorCode));
    }

    [Fact]
    public async Task QueryPageAsync_FilterSelectTop_ReturnsMatchingProjectedPage()
    {
        for (var i = 0; i < 10; i++)
        {
            await _table.AddEntityAsync(new TableEntity("q", i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i, ["Name"] = $"n{i}" });
        }

        var page = await _table.QueryPageAsync(TableFilter.Format($"PartitionKey eq {"q"} and N ge {3}"), ["N"], top: 4);
        var rest = await _table.QueryPageAsync(TableFilter.Format($"PartitionKey eq {"q"} and N ge {3}"), ["N"], continuation: page.Continuation);

        Assert.Equal([3, 4, 5, 6], page.Entities.Select(entity => entity.GetInt32("N")!.Value));
        Assert.All(page.Entities, entity => Assert.Equal(["N"], entity.Properties.Keys));
        Assert.NotNull(page.Continuation);
        Assert.Equal([7, 8, 9], rest.Entities.Select(entity => entity.GetInt32("N")!.Value));
        Assert.Null(rest.Continuation);
    }
}
