using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

/// <summary>Fresh tables and containers per test, created in the shared Azurite.</summary>
internal static class StoreScope
{
    public static async Task<StoreTables> CreateAsync(AzuriteFixture azurite)
    {
        var tables = new StoreTables(azurite.Clients.Tables, azurite.Clients.Blobs, Options());
        await tables.CreateIfNotExistsAsync();
        return tables;
    }

    public static StoreOptions Options() => new()
    {
        TablePrefix = "s" + AzuriteFixture.UniqueName("x")[..12],
        CodebaseContainer = AzuriteFixture.UniqueName("code"),
    };

    /// <summary>The names of the blobs spilled documents left in the documents container.</summary>
    public static async Task<List<string>> DocumentBlobsAsync(StoreTables tables)
    {
        var names = new List<string>();
        await foreach (var blob in tables.Documents.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    public static async Task<TableEntity> EntityAsync(TableClient table, string partitionKey, string rowKey) =>
        (await table.GetEntityAsync<TableEntity>(partitionKey, rowKey)).Value;

    /// <summary>The container the documents of these tables go to, for tests that check a blob directly.</summary>
    public static BlobClient DocumentBlob(StoreTables tables, string name) => tables.Documents.GetBlobClient(name);
}
