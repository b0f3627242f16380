using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

/// <summary>Fresh tables and container per test, created in the shared Azurite.</summary>
internal static class StoreScope
{
    public static async Task<StoreTables> CreateAsync(AzuriteFixture azurite)
    {
        var options = new StoreOptions
        {
            TablePrefix = "s" + AzuriteFixture.UniqueName("x")[..12],
            CodebaseContainer = AzuriteFixture.UniqueName("code"),
        };
        var tables = new StoreTables(azurite.CreateAccount(), options);
        await tables.CreateIfNotExistsAsync();
        return tables;
    }
}
