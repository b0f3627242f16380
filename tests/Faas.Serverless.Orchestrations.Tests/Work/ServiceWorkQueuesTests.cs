using System.Diagnostics;
using System.Text.Json;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Work;

[Collection("Azurite")]
public sealed class ServiceWorkQueuesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task LeaseAsync_WorkArrivesDuringTheWait_ReturnsAsSoonAsItIsSignalled()
    {
        var (queues, serviceId) = await CreateAsync(maxPollingIntervalMs: 5000);
        var lease = queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(20));
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();

        await queues.EnqueueAsync(Item(serviceId, attempt: 1));
        queues.WakeLessees(serviceId);
        var leased = await lease;

        Assert.Single(leased);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"The lease took {watch.Elapsed} after the signal.");
    }

    [Fact]
    public async Task LeaseAsync_NothingQueued_ReturnsEmptyAfterTheWait()
    {
        var (queues, serviceId) = await CreateAsync();

        var leased = await queues.LeaseAsync(serviceId, 4, TimeSpan.FromMilliseconds(300));

        Assert.Empty(leased);
    }

    [Fact]
    public async Task RenewAsync_NewLease_OldOneNoLongerCompletes()
    {
        var (queues, serviceId) = await CreateAsync();
        await queues.EnqueueAsync(Item(serviceId, attempt: 3));
        var leased = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        var renewed = await queues.RenewAsync(serviceId, leased.LeaseId);

        Assert.NotNull(renewed);
        Assert.True(LeaseIds.TryParse(renewed, out var lease));
        Assert.Equal(("execution-3", 3), (lease.ExecutionId, lease.Attempt));
        Assert.False(await queues.CompleteAsync(serviceId, leased.LeaseId));
        Assert.True(await queues.CompleteAsync(serviceId, renewed));
        Assert.Equal(0, await queues.LengthAsync(serviceId));
    }

    [Fact]
    public async Task ReleaseAsync_LeasedItem_IsVisibleAgainAtOnce()
    {
        var (queues, serviceId) = await CreateAsync();
        await queues.EnqueueAsync(Item(serviceId, attempt: 1));
        var leased = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        Assert.True(await queues.ReleaseAsync(serviceId, leased.LeaseId));
        var again = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        Assert.Equal(leased.Item, again.Item with { Input = leased.Item.Input });
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task LeaseAsync_ItemNamingAnInputPayload_CarriesTheInputFromThePayload()
    {
        var payloads = new MemoryPayloadStore();
        var (queues, serviceId) = await CreateAsync(payloads: payloads);
        var input = new Dictionary<string, JsonElement> { ["data"] = JsonSerializer.SerializeToElement(new string('d', 200_000)) };
        await payloads.WriteAsync("execution-1", PayloadNames.Input, JsonSerializer.SerializeToUtf8Bytes(input));

        await queues.EnqueueAsync(Item(serviceId, attempt: 1) with { Input = new Dictionary<string, JsonElement>(), InputBlob = PayloadNames.Input });
        var leased = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        Assert.Equal(200_000, leased.Item.Input["data"].GetString()!.Length);
        Assert.Null(leased.Item.InputBlob);
        Assert.Equal(1, payloads.Reads);
    }

    [Fact]
    public async Task LeaseAsync_ItemPastItsDeliveryLimit_KeepsItsSmallMessage()
    {
        var payloads = new MemoryPayloadStore();
        var (queues, serviceId) = await CreateAsync(payloads: payloads, maxDeliveries: 1);
        await payloads.WriteAsync("execution-1", PayloadNames.Input, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, int> { ["x"] = 1 }));
        await queues.EnqueueAsync(Item(serviceId, attempt: 1) with { Input = new Dictionary<string, JsonElement>(), InputBlob = PayloadNames.Input });
        var first = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));
        await queues.ReleaseAsync(serviceId, first.LeaseId);

        var poisoned = Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

        Assert.Equal(PayloadNames.Input, poisoned.Item.InputBlob);
        Assert.Equal(1, payloads.Reads);
    }

    private async Task<(ServiceWorkQueues Queues, string ServiceId)> CreateAsync(int maxPollingIntervalMs = 200, IExecutionPayloadStore? payloads = null, int maxDeliveries = 5)
    {
        var options = Options.Create(new QueueOptions { QueuePrefix = AzuriteFixture.UniqueName("q")[..12], MaxPollingIntervalMs = maxPollingIntervalMs, VisibilityTimeoutSeconds = 30, MaxDeliveries = maxDeliveries });
        var queues = new ServiceWorkQueues(azurite.Clients.Queues, new WorkSignals(), payloads ?? new MemoryPayloadStore(), options, TimeProvider.System);
        var serviceId = Guid.NewGuid().ToString("N");
        await queues.CreateAsync(serviceId);
        return (queues, serviceId);
    }

    private static WorkItem Item(string serviceId, int attempt) =>
        new($"execution-{attempt}", "project", serviceId, attempt, "run", new Dictionary<string, JsonElement> { ["x"] = JsonSerializer.SerializeToElement(1) }, 60, null);
}
