using System.Text.Json;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Testing;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Work;

/// <summary>A lease that ran out while its replica was cut off (a storage or host outage) is still the replica's to reclaim.</summary>
[Collection("Azurite")]
public sealed class ServiceWorkQueuesHoldTests(AzuriteFixture azurite)
{
    private const int LeaseSeconds = 5;
    private static readonly TimeSpan PastTheLease = TimeSpan.FromSeconds(LeaseSeconds + 0.5);

    [Fact]
    public async Task RenewAsync_LeaseRanOutAndNobodyTookTheItem_Renews()
    {
        var (queues, serviceId) = await CreateAsync();
        var leased = await LeaseOneAsync(queues, serviceId);
        await Task.Delay(PastTheLease);

        var renewed = await queues.RenewAsync(serviceId, leased.LeaseId);

        Assert.NotNull(renewed);
        Assert.Empty(await queues.LeaseAsync(serviceId, 1, TimeSpan.Zero));
        Assert.True(await queues.CompleteAsync(serviceId, renewed));
    }

    [Fact]
    public async Task HoldForHolderAsync_RedeliveredItem_StaysHiddenAndTheOldLeaseRenewsIt()
    {
        var (queues, serviceId) = await CreateAsync();
        var first = await LeaseOneAsync(queues, serviceId);
        await Task.Delay(PastTheLease);
        var redelivered = await LeaseOneAsync(queues, serviceId);

        Assert.True(await queues.HoldForHolderAsync(serviceId, redelivered));
        Assert.Empty(await queues.LeaseAsync(serviceId, 1, TimeSpan.Zero));
        var renewed = await queues.RenewAsync(serviceId, first.LeaseId);

        Assert.NotNull(renewed);
        Assert.Equal(2, redelivered.DequeueCount);
        Assert.True(await queues.CompleteAsync(serviceId, renewed));
        Assert.Equal(0, await queues.LengthAsync(serviceId));
    }

    [Fact]
    public async Task CompleteAsync_OldLeaseOfAHeldItem_DeletesIt()
    {
        var (queues, serviceId) = await CreateAsync();
        var first = await LeaseOneAsync(queues, serviceId);
        await Task.Delay(PastTheLease);
        Assert.True(await queues.HoldForHolderAsync(serviceId, await LeaseOneAsync(queues, serviceId)));

        Assert.True(await queues.CompleteAsync(serviceId, first.LeaseId));
        Assert.Equal(0, await queues.LengthAsync(serviceId));
    }

    [Fact]
    public async Task HoldForHolderAsync_HeldOnceAndNobodyReclaimedIt_RefusesAgain()
    {
        var (queues, serviceId) = await CreateAsync();
        await LeaseOneAsync(queues, serviceId);
        await Task.Delay(PastTheLease);
        Assert.True(await queues.HoldForHolderAsync(serviceId, await LeaseOneAsync(queues, serviceId)));
        await Task.Delay(PastTheLease);
        var third = await LeaseOneAsync(queues, serviceId);

        Assert.False(await queues.HoldForHolderAsync(serviceId, third));
        Assert.Equal(3, third.DequeueCount);
    }

    [Fact]
    public async Task HoldForHolderAsync_ItemPutBackWithoutBeingHandedOut_NotHeld()
    {
        var (queues, serviceId) = await CreateAsync();
        Assert.True(await queues.ReleaseAsync(serviceId, (await LeaseOneAsync(queues, serviceId)).LeaseId));
        var again = await LeaseOneAsync(queues, serviceId);

        Assert.False(await queues.HoldForHolderAsync(serviceId, again));
        Assert.Equal(2, again.DequeueCount);
    }

    private static async Task<LeasedWork> LeaseOneAsync(ServiceWorkQueues queues, string serviceId) =>
        Assert.Single(await queues.LeaseAsync(serviceId, 1, TimeSpan.FromSeconds(5)));

    private async Task<(ServiceWorkQueues Queues, string ServiceId)> CreateAsync()
    {
        var options = Options.Create(new QueueOptions { QueuePrefix = AzuriteFixture.UniqueName("q")[..12], MaxPollingIntervalMs = 200, VisibilityTimeoutSeconds = LeaseSeconds });
        var queues = new ServiceWorkQueues(azurite.Clients.Queues, new WorkSignals(), new MemoryPayloadStore(), options, TimeProvider.System);
        var serviceId = Guid.NewGuid().ToString("N");
        await queues.CreateAsync(serviceId);
        await queues.EnqueueAsync(new WorkItem("execution-1", "project", serviceId, 1, "run", new Dictionary<string, JsonElement>(), 60, null));
        return (queues, serviceId);
    }
}
