using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class StorageCapacityTests
{
    private static readonly Dictionary<string, double> PerExecution = new()
    {
        ["table GET entity"] = 8.4,
        ["table GET query"] = 2.0,
        ["table POST $batch"] = 2.0,
        ["table PUT entity"] = 2.0,
        ["queue POST messages"] = 1.0,
        ["queue DELETE message"] = 1.0,
        ["queue GET messages"] = 0.3,
        ["blob PUT blob"] = 0.01,
        ["table POST tables"] = 0.0,
    };

    [Fact]
    public void Weights_PlatformCounts_OnlyReplayableOperationsWithRequests()
    {
        var weights = OperationMix.Weights(PerExecution);

        Assert.Equal(7, weights.Count);
        Assert.DoesNotContain("blob PUT blob", weights.Keys);
        Assert.Equal(8.4, weights[OperationMix.GetEntity]);
    }

    [Fact]
    public void Schedule_Weights_EachOperationInItsShare()
    {
        var weights = OperationMix.Weights(PerExecution);

        var schedule = OperationMix.Schedule(weights, 1670);
        var counts = schedule.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(1670, schedule.Count);
        Assert.InRange(counts[OperationMix.GetEntity], 839, 841);
        Assert.InRange(counts[OperationMix.PostMessage], 99, 101);
        Assert.InRange(counts[OperationMix.GetMessages], 29, 31);
    }

    [Fact]
    public void Schedule_Weights_SpreadEvenlyNotInRuns()
    {
        var schedule = OperationMix.Schedule(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 }, 6);

        Assert.Equal(["a", "b", "a", "b", "a", "b"], schedule);
    }

    [Fact]
    public void Schedule_NoWeights_Throws() =>
        Assert.Throws<ArgumentException>(() => OperationMix.Schedule(new Dictionary<string, double>(), 10));

    [Fact]
    public void MessagesPerRead_MoreDeletesThanReads_EnoughReceiptsForEveryDelete()
    {
        Assert.Equal(4, OperationMix.MessagesPerRead(OperationMix.Weights(PerExecution)));
        Assert.Equal(1, OperationMix.MessagesPerRead(new Dictionary<string, double> { [OperationMix.DeleteMessage] = 1 }));
    }

    [Fact]
    public void Create_Counts_StorageBoundLimitIsCapacityOverRequestsPerExecution()
    {
        var result = StorageCapacityResult.Create(16, 10, new Dictionary<string, int> { ["table GET entity"] = 8000, ["queue POST messages"] = 2000 }, failed: 3, requestsPerExecution: 16.8, platformExecutionsPerSecond: 45.9, azuriteCores: 0.987);

        Assert.Equal(10_000, result.Operations);
        Assert.Equal(1000, result.OperationsPerSecond);
        Assert.Equal(59.52, result.StorageBoundExecutionsPerSecond);
        Assert.Equal(0.771, result.FractionOfLimit);
        Assert.Equal(3, result.Failed);
        Assert.Equal(0.99, result.AzuriteCores);
    }

    [Fact]
    public void Create_NoRequestsPerExecution_LimitNaN() =>
        Assert.True(double.IsNaN(StorageCapacityResult.Create(1, 1, new Dictionary<string, int> { ["x"] = 5 }, 0, 0, 10, 1).StorageBoundExecutionsPerSecond));
}
