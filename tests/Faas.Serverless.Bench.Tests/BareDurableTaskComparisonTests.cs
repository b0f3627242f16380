using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class BareDurableTaskComparisonTests
{
    internal static BareDurableTaskResult Bare(double perSecond, double requests, double clientP50, double serverP50, double idle, string loop = "closed-500") => new()
    {
        HubName = "baredt",
        Settings = new Dictionary<string, string> { ["storageProvider.partitionCount"] = "2" },
        QueueMessagesAtStart = 3,
        ColdStartMs = 1300,
        Client = new LatencySummary(200, clientP50, clientP50 + 10, clientP50 + 20, clientP50 + 30),
        Server = new LatencySummary(200, serverP50, serverP50 + 10, serverP50 + 20, serverP50 + 30),
        Throughput = [new ThroughputResult(loop, 500, 0, 500 / perSecond, perSecond, new LatencySummary(500, 300, 400, 500, 600), [30, 30])],
        StorageRequestsPerOrchestration = requests,
        StoragePerOrchestrationByService = new Dictionary<string, double> { ["queue"] = 10, ["table"] = requests - 10 },
        StoragePerOrchestrationByOperation = new Dictionary<string, double> { ["queue GET messages"] = 4, ["table POST entity"] = 1 },
        IdleRequestsPerSecond = idle,
        IdleByOperation = new Dictionary<string, int> { ["queue GET messages"] = 15 },
        Processes = [new ProcessUsage("azurite", 1, 3.5, 250)],
    };

    // Platform: no-op server p50 40 ms (client 60), 45 exec/s, 18 requests per execution, idle 0 (the builder's).
    private static BenchResult Platform(BareDurableTaskResult? bare) =>
        ResultComparerTests.Result("run", p50: 40, perSecond: 45, requests: 18, hostCpu: 1) with { IdleRequestsPerSecond = 4, BareDurableTask = bare };

    [Fact]
    public void Of_PlatformAndBareRun_RatiosAndDifferences()
    {
        var versus = PlatformToBareDurableTask.Of(Platform(Bare(perSecond: 30, requests: 20, clientP50: 70, serverP50: 55, idle: 2)));

        Assert.NotNull(versus);
        Assert.Equal("closed-500", versus.Loop);
        Assert.Equal(1.5, versus.ThroughputRatio);
        Assert.Equal(0.9, versus.StorageRequestsRatio);
        Assert.Equal(-10, versus.ClientP50DifferenceMs);
        Assert.Equal(-15, versus.ServerP50DifferenceMs);
        Assert.Equal(2, versus.IdleRequestsRatio);
    }

    [Fact]
    public void Of_NoBareRun_Null() => Assert.Null(PlatformToBareDurableTask.Of(Platform(null)));

    [Fact]
    public void Of_BareRunOfAnotherSize_ThroughputNaN() =>
        Assert.True(double.IsNaN(PlatformToBareDurableTask.Of(Platform(Bare(30, 20, 70, 55, 2, loop: "closed-100")))!.ThroughputRatio));

    [Fact]
    public void Ratios_BareRunInBoth_BareRowsAndPlatformToBareRatios()
    {
        var before = Platform(Bare(perSecond: 30, requests: 20, clientP50: 70, serverP50: 55, idle: 2));
        var after = Platform(Bare(perSecond: 20, requests: 25, clientP50: 70, serverP50: 55, idle: 1));

        var ratios = ResultComparer.Ratios(before, after).ToDictionary(r => r.Metric, r => (r.Base, r.Current, r.Ratio));

        Assert.Equal(0.667, ratios["bare DT closed-500 orchestrations / s"].Ratio);
        Assert.Equal(1.25, ratios["bare DT storage requests / orchestration"].Ratio);
        Assert.Equal(0.5, ratios["bare DT idle requests / s"].Ratio);
        Assert.Equal((1.5, 2.25), (ratios["platform / bare DT throughput"].Base, ratios["platform / bare DT throughput"].Current));
        Assert.Equal((0.9, 0.72), (ratios["platform / bare DT storage requests"].Base, ratios["platform / bare DT storage requests"].Current));
    }

    [Fact]
    public async Task Markdown_OldBaseWithoutBareRun_NoBareRowsAndADashForTheBase()
    {
        var old = await ResultFiles.ReadAsync(Path.Combine(RepositoryRoot.Find(), "bench", "results", "after-i10-b.json"));
        var current = Platform(Bare(perSecond: 30, requests: 20, clientP50: 70, serverP50: 55, idle: 2));

        var ratios = ResultComparer.Ratios(old, current);
        var table = ResultComparer.Markdown(old, current);

        Assert.Null(old.BareDurableTask);
        Assert.DoesNotContain(ratios, r => r.Metric.Contains("bare DT", StringComparison.Ordinal));
        Assert.Contains("| platform vs bare Durable Task of the same run | after-i10-b | run |", table, StringComparison.Ordinal);
        Assert.Contains("| throughput, platform / bare | - | 1.50x |", table, StringComparison.Ordinal);
        Assert.Contains("| no-op p50 server, platform - bare | - | -15.0 ms |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NeitherHasBareRun_NoBareSection() =>
        Assert.DoesNotContain("bare Durable Task", ResultComparer.Markdown(Platform(null), Platform(null)), StringComparison.Ordinal);

    [Fact]
    public void Markdown_ResultWithBareRun_BareTablesAndThePlatformNextToIt()
    {
        var table = ResultTable.Markdown(Platform(Bare(perSecond: 30, requests: 20, clientP50: 70, serverP50: 55, idle: 2)));

        Assert.Contains("### Bare Durable Task, same run (task hub `baredt`, platform host stopped)", table, StringComparison.Ordinal);
        Assert.Contains("| client (schedule -> completion committed) | 200 | 70.0 | 80.0 | 90.0 | 100.0 |", table, StringComparison.Ordinal);
        Assert.Contains("| closed-500 | 500 | 0 | 16.7 | **30.0** | 300 | 400 | 500 |", table, StringComparison.Ordinal);
        Assert.Contains("Storage requests per orchestration (closed loop of 500): **20.0**", table, StringComparison.Ordinal);
        Assert.Contains("| table POST entity | 1.00 |", table, StringComparison.Ordinal);
        Assert.Contains("| closed-500 per second | 45.0 | 30.0 | **1.50x** |", table, StringComparison.Ordinal);
        Assert.Contains("| storage requests per execution | 18.0 | 20.0 | **0.90x** |", table, StringComparison.Ordinal);
        Assert.Contains("| no-op p50 server ms | 40.0 | 55.0 | -15.0 ms |", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteThenRead_ResultWithBareRun_RoundTrips()
    {
        var result = Platform(Bare(perSecond: 30, requests: 20, clientP50: 70, serverP50: 55, idle: 2));
        var directory = Directory.CreateTempSubdirectory("bench-results-").FullName;

        await ResultFiles.WriteAsync(directory, result with { VersusBareDurableTask = PlatformToBareDurableTask.Of(result) });
        var read = await ResultFiles.ReadAsync(Path.Combine(directory, "run.json"));

        Assert.Equal(20, read.BareDurableTask!.StorageRequestsPerOrchestration);
        Assert.Equal(1.5, read.VersusBareDurableTask!.ThroughputRatio);
        Directory.Delete(directory, recursive: true);
    }
}
