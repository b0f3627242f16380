using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class ResultComparerTests
{
    private static BenchResult Result(string name, double p50, double perSecond, double requests, double hostCpu) => new()
    {
        Name = name,
        StartedAt = DateTimeOffset.UnixEpoch,
        Machine = "2 cores",
        ColdStartMs = 1000,
        NoopClient = new LatencySummary(10, p50 + 20, p50 + 30, p50 + 40, p50 + 50),
        NoopServer = new LatencySummary(10, p50, p50, p50, p50),
        SleepClient = new LatencySummary(10, 90, 90, 90, 90),
        SleepServer = new LatencySummary(10, 70, 70, 70, 70),
        WarmOverheadMs = 20,
        Throughput = [new ThroughputResult("closed-500", 500, 0, 500 / perSecond, perSecond, new LatencySummary(500, 1, 2, 3, 4), [perSecond > 0 ? 1 : 0])],
        StorageRequestsPerExecution = requests,
        StoragePerExecutionByService = new Dictionary<string, double>(),
        StoragePerExecutionByOperation = new Dictionary<string, double>(),
        IdleRequestsPerSecond = 0,
        IdleByOperation = new Dictionary<string, int>(),
        Processes = [new ProcessUsage("host", 1, hostCpu, 100)],
    };

    [Fact]
    public void Ratios_TwoResults_CurrentOverBase()
    {
        var ratios = ResultComparer.Ratios(Result("base", 40, 30, 15, 1.2), Result("new", 20, 45, 5, 0.6))
            .ToDictionary(r => r.Metric, r => r.Ratio);

        Assert.Equal(0.5, ratios["no-op server p50 ms"]);
        Assert.Equal(1.5, ratios["closed-500 executions / s"]);
        Assert.Equal(0.333, ratios["storage requests / execution"]);
        Assert.Equal(0.5, ratios["host CPU s / 100 executions"]);
        Assert.Equal(1, ratios["cold start ms"]);
    }

    [Fact]
    public void Ratios_ListingInBoth_ComparesPageAndWholeListing()
    {
        var before = Result("base", 40, 30, 15, 1.2) with { Listing = new ListingResult(900, 9, new LatencySummary(90, 20, 30, 40, 50), new LatencySummary(10, 200, 210, 220, 230)) };
        var after = Result("new", 40, 30, 15, 1.2) with { Listing = new ListingResult(900, 9, new LatencySummary(90, 25, 30, 40, 50), new LatencySummary(10, 180, 210, 220, 230)) };

        var ratios = ResultComparer.Ratios(before, after).ToDictionary(r => r.Metric, r => r.Ratio);

        Assert.Equal(1.25, ratios["listing page p50 ms"]);
        Assert.Equal(0.9, ratios["listing whole p50 ms"]);
    }

    [Fact]
    public void Ratios_BaseWithoutListing_LeavesListingOut()
    {
        var after = Result("new", 40, 30, 15, 1.2) with { Listing = new ListingResult(900, 9, new LatencySummary(90, 25, 30, 40, 50), new LatencySummary(10, 180, 210, 220, 230)) };

        var ratios = ResultComparer.Ratios(Result("base", 40, 30, 15, 1.2), after);

        Assert.DoesNotContain(ratios, r => r.Metric.StartsWith("listing", StringComparison.Ordinal));
    }

    [Fact]
    public void Ratio_ZeroBase_NaN() => Assert.True(double.IsNaN(ResultComparer.Ratio(0, 3)));

    [Fact]
    public void Markdown_TwoResults_OneRowPerMetricWithRatio()
    {
        var table = ResultComparer.Markdown(Result("base", 40, 30, 15, 1.2), Result("new", 20, 45, 5, 0.6));

        Assert.Contains("| metric | base | new | ratio |", table, StringComparison.Ordinal);
        Assert.Contains("| closed-500 executions / s | 30 | 45 | 1.5 |", table, StringComparison.Ordinal);
    }
}
