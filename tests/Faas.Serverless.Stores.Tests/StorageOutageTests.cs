using System.Net;
using System.Net.Sockets;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Storage;
using Faas.Serverless.Stores.Identity;
using Faas.Serverless.Stores.Services;

namespace Faas.Serverless.Stores.Tests;

/// <summary>A store whose storage does not answer reports the outage in domain terms, not the SDK's.</summary>
public sealed class StorageOutageTests
{
    /// <summary>Azurite's well-known development key; nothing listens on the port, so it is never checked.</summary>
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public async Task GetAsync_StorageUnreachable_ThrowsStorageUnavailable()
    {
        var store = new TableProjectStore(Unreachable());

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.GetAsync("p1"));

        Assert.True(StorageFailure.IsStorageFailure(failure.InnerException!), "the SDK's failure is kept as the cause");
    }

    [Fact]
    public async Task ListAsync_StorageUnreachable_ThrowsStorageUnavailable()
    {
        var store = new TableServiceStore(Unreachable());

        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.ListAsync("p1", new PageRequest()));
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_StorageUnreachable_ThrowsStorageUnavailable()
    {
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Unreachable().CreateIfNotExistsAsync());
    }

    private static StoreTables Unreachable()
    {
        var endpoint = $"http://127.0.0.1:{ClosedPort()}/devstoreaccount1";
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};TableEndpoint={endpoint};BlobEndpoint={endpoint};";
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions(StorageClientDefaults.EmulatorBlobVersion);
        foreach (var options in new ClientOptions[] { tableOptions, blobOptions })
        {
            options.Retry.Mode = RetryMode.Fixed;
            options.Retry.MaxRetries = 1;
            options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        }

        return new StoreTables(new TableServiceClient(connection, tableOptions), new BlobServiceClient(connection, blobOptions), StoreScope.Options());
    }

    /// <summary>A loopback port nothing listens on: bound once to learn a free one, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
