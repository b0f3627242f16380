using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure.Storage.Queues;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Storage;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Work;

/// <summary>Storage that does not answer surfaces as <see cref="StorageUnavailableException"/> (503 in the API), never as an SDK exception.</summary>
public sealed class StorageOutageTests
{
    private static readonly IOptions<QueueOptions> Settings = Options.Create(new QueueOptions { MaxPollingIntervalMs = 50 });
    private readonly QueueServiceClient _unreachable = UnreachableQueues();

    [Fact]
    public async Task ServiceWorkQueues_StorageUnreachable_ThrowStorageUnavailable()
    {
        var queues = new ServiceWorkQueues(_unreachable, new WorkSignals(), new MemoryPayloadStore(), Settings, TimeProvider.System);
        var leaseId = new Lease("message", "receipt", "execution", 1).Id;
        var item = new WorkItem("execution", "project", "service", 1, "run", new Dictionary<string, JsonElement>(), 60, null);

        var failures = new[]
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.CreateAsync("service")),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.EnqueueAsync(item)),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.LeaseAsync("service", 1, TimeSpan.FromSeconds(1))),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.RenewAsync("service", leaseId)),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.CompleteAsync("service", leaseId)),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.ReleaseAsync("service", leaseId)),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.HoldForHolderAsync("service", new LeasedWork(leaseId, item, 2))),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.LengthAsync("service")),
            await Assert.ThrowsAsync<StorageUnavailableException>(() => queues.DeleteAsync("service")),
        };

        Assert.All(failures, failure => Assert.True(StorageFailure.IsUnavailable(failure.InnerException!), failure.InnerException?.GetType().Name));
    }

    /// <summary>A queue service on a loopback port nobody listens on, retried once after 10 ms.</summary>
    private static QueueServiceClient UnreachableQueues()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = StorageClientDefaults.QueueOptions(emulator: true);
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        return new QueueServiceClient(new Uri($"http://127.0.0.1:{port}/devstoreaccount1"), options);
    }
}
