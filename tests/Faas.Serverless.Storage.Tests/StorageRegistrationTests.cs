using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Storage.Tests;

[Collection("Azurite")]
public sealed class StorageRegistrationTests(AzuriteFixture azurite)
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task AddStorageClients_ConnectionString_TablesBlobsAndQueuesWorkAgainstAzurite()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = azurite.ConnectionString });
        var name = AzuriteFixture.UniqueName("reg");

        var table = provider.GetRequiredService<TableServiceClient>().GetTableClient(name);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Answer"] = 42 });
        var container = provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("b").UploadAsync(BinaryData.FromString("hello"));
        var queue = provider.GetRequiredService<QueueServiceClient>().GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("work");

        Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Answer"));
        Assert.Equal("hello", (await container.GetBlobClient("b").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("work", (await queue.ReceiveMessageAsync()).Value.MessageText);
    }

    [Fact]
    public void AddStorageClients_DevelopmentStorage_TargetsAzuriteDefaultEndpoints()
    {
        using var provider = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), provider.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), provider.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), provider.GetRequiredService<TableServiceClient>().Uri);
    }

    [Theory]
    [InlineData("devstoreaccount1", "2025-11-05")]
    [InlineData("contosofaas", "2026-10-06")]
    public async Task AddStorageClients_AccountName_PinsTheVersionOnlyForTheEmulator(string account, string expectedVersion)
    {
        using var endpoint = new HeaderRecorder(200, "{}");
        var connection = $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{endpoint.Port}/{account};QueueEndpoint=http://127.0.0.1:{endpoint.Port}/{account};TableEndpoint=http://127.0.0.1:{endpoint.Port}/{account}";
        using var provider = Build(new() { ["AzureWebJobsStorage"] = connection, ["AzureDefaults:Retry:MaxRetries"] = "0" });

        await provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("c").GetBlobClient("b").ExistsAsync();
        await provider.GetRequiredService<QueueServiceClient>().GetQueueClient("q").ExistsAsync();

        Assert.All(endpoint.Requests, request => Assert.Equal(expectedVersion, request.Headers["x-ms-version"]));
        Assert.Equal(2, endpoint.Requests.Count);
    }

    [Fact]
    public async Task AddStorageClients_AzureDefaultsRetry_OverridesOurRetryCount()
    {
        using var endpoint = new HeaderRecorder(503, "{}");
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};QueueEndpoint=http://127.0.0.1:{endpoint.Port}/devstoreaccount1";
        using var provider = Build(new()
        {
            ["AzureWebJobsStorage"] = connection,
            ["AzureDefaults:Retry:MaxRetries"] = "2",
            ["AzureDefaults:Retry:Delay"] = "00:00:00.010",
        });

        await Assert.ThrowsAnyAsync<Exception>(() => provider.GetRequiredService<QueueServiceClient>().GetQueueClient("q").ExistsAsync());

        Assert.Equal(3, endpoint.Requests.Count);
    }

    [Fact]
    public async Task AddStorageClients_ServiceUrisWithManagedIdentity_AskTheIdentityEndpointForTheClientIdsToken()
    {
        using var identity = new HeaderRecorder(200, $$"""{"access_token":"token-for-test","expires_on":"{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}","resource":"https://storage.azure.com","token_type":"Bearer"}""");
        var closedPort = AzuriteFixture.FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:blobServiceUri"] = $"https://127.0.0.1:{closedPort}/",
            ["AzureWebJobsStorage:queueServiceUri"] = $"https://127.0.0.1:{closedPort}/queues",
            ["AzureWebJobsStorage:tableServiceUri"] = $"https://127.0.0.1:{closedPort}/tables",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "11111111-2222-3333-4444-555555555555",
            ["AzureDefaults:Retry:MaxRetries"] = "0",
        };
        // The App Service flavour of managed identity: Azure.Identity finds its endpoint in these two variables.
        using var environment = new EnvironmentScope(("IDENTITY_ENDPOINT", $"http://127.0.0.1:{identity.Port}/msi/token"), ("IDENTITY_HEADER", "secret-header"));
        using var provider = Build(settings);
        var blobs = provider.GetRequiredService<BlobServiceClient>();

        await Assert.ThrowsAnyAsync<Exception>(() => blobs.GetBlobContainerClient("c").ExistsAsync());

        Assert.Equal(new Uri($"https://127.0.0.1:{closedPort}/"), blobs.Uri);
        Assert.Equal(new Uri($"https://127.0.0.1:{closedPort}/queues"), provider.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(new Uri($"https://127.0.0.1:{closedPort}/tables"), provider.GetRequiredService<TableServiceClient>().Uri);
        var tokenRequest = Assert.Single(identity.Requests);
        Assert.Contains("client_id=11111111-2222-3333-4444-555555555555", tokenRequest.Query, StringComparison.Ordinal);
        Assert.Contains("storage.azure.com", Uri.UnescapeDataString(tokenRequest.Query), StringComparison.Ordinal);
        Assert.Equal("secret-header", tokenRequest.Headers["X-IDENTITY-HEADER"]);
    }

    [Fact]
    public void FromConfiguration_NothingConfigured_NamesBothForms()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromConfiguration(new ConfigurationBuilder().Build()));

        Assert.Contains("UseDevelopmentStorage=true", error.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_RelativeServiceUri_NamesTheSetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "blob.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://a.queue.core.windows.net",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://a.table.core.windows.net",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => StorageSettings.FromConfiguration(configuration));

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddStorageClients(configuration).BuildServiceProvider();
    }

    private sealed class EnvironmentScope : IDisposable
    {
        private readonly (string Name, string? Old)[] _saved;

        public EnvironmentScope(params (string Name, string Value)[] variables)
        {
            _saved = [.. variables.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name)))];
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, old) in _saved)
            {
                Environment.SetEnvironmentVariable(name, old);
            }
        }
    }
}
