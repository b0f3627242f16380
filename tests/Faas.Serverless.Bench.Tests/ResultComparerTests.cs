using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class ResultComparerTests
{
    internal static BenchResult Result(string name, double p50, double perSecond, double requests, double hostCpu) => new()
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

    private static BenchResult WithNewMeasurements(BenchResult result, double dispatch, double created, double capacity) => result with
    {
        Phases = [new PhaseResult("noop", new LatencySummary(200, dispatch, 30, 40, 50), new LatencySummary(200, 10, 12, 14, 16), new LatencySummary(200, 15, 20, 25, 30))],
        Triggers = new TriggerResult(50, new LatencySummary(50, 20, 25, 30, 35), new LatencySummary(50, created, 25, 30, 35), new LatencySummary(50, 60, 70, 80, 90), null),
        StorageCapacity = StorageCapacityResult.Create(16, 10, new Dictionary<string, int> { ["table GET entity"] = (int)(capacity * 10) }, 0, 15, 30, 1),
    };

    [Fact]
    public void Ratios_NewMeasurementsInBoth_ComparesPhasesTriggersAndCapacity()
    {
        var before = WithNewMeasurements(Result("base", 40, 30, 15, 1.2), dispatch: 20, created: 20, capacity: 1000);
        var after = WithNewMeasurements(Result("new", 40, 30, 15, 1.2), dispatch: 10, created: 30, capacity: 1500);

        var ratios = ResultComparer.Ratios(before, after).ToDictionary(r => r.Metric, r => r.Ratio);

        Assert.Equal(0.5, ratios["noop dispatch p50 ms"]);
        Assert.Equal(1.5, ratios["event -> created p50 ms"]);
        Assert.Equal(1.5, ratios["Azurite capacity operations / s"]);
        Assert.Equal(1.5, ratios["storage-bound limit executions / s"]);
        Assert.Equal(0.667, ratios["fraction of storage-bound limit"]);
        Assert.DoesNotContain("cron tick -> created p50 ms", ratios.Keys);
    }

    [Fact]
    public async Task Ratios_OldResultFileWithoutNewMeasurements_LoadsAndLeavesThemOut()
    {
        var old = await ResultFiles.ReadAsync(Path.Combine(RepositoryRoot.Find(), "bench", "results", "after-i10-b.json"));
        var current = WithNewMeasurements(Result("new", 40, 30, 15, 1.2), dispatch: 10, created: 30, capacity: 1500);

        var ratios = ResultComparer.Ratios(old, current);
        var table = ResultComparer.Markdown(old, current);

        Assert.Null(old.Phases);
        Assert.Null(old.Triggers);
        Assert.Null(old.StorageCapacity);
        Assert.Contains(ratios, r => r.Metric == "closed-500 executions / s");
        Assert.DoesNotContain(ratios, r => r.Metric.Contains("dispatch", StringComparison.Ordinal) || r.Metric.Contains("Azurite capacity", StringComparison.Ordinal) || r.Metric.StartsWith("event", StringComparison.Ordinal));
        Assert.Contains("| metric | after-i10-b | new | ratio |", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ResultWithNewMeasurements_PhasesTriggersAndLimitInTheTable()
    {
        var table = ResultTable.Markdown(WithNewMeasurements(Result("new", 40, 30, 15, 1.2), dispatch: 10, created: 30, capacity: 1500));

        Assert.Contains("| noop | 10.0 | 30.0 | 10.0 | 12.0 | 15.0 | 20.0 | client overhead |", table, StringComparison.Ordinal);
        Assert.Contains("| event -> created | 50 | 30.0 | 25.0 | 30.0 | 35.0 |", table, StringComparison.Ordinal);
        Assert.Contains("**1500 operations/s**", table, StringComparison.Ordinal);
        Assert.Contains("= **100.0 executions/s**", table, StringComparison.Ordinal);
        Assert.Contains("is **30%** of it", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_CronTicks_RowsAndTicksInOrder()
    {
        var result = WithNewMeasurements(Result("new", 40, 30, 15, 1.2), dispatch: 10, created: 30, capacity: 1500);
        var cron = new CronResult(3, Percentiles.Summarize([12, 1500, 15]), Percentiles.Summarize([50, 1540, 55]), [1500, 12, 15]);

        var table = ResultTable.Markdown(result with { Triggers = result.Triggers! with { Cron = cron } });

        Assert.Contains("| cron tick -> created | 3 | 15.0 | 1500.0 | 1500.0 | 1500.0 |", table, StringComparison.Ordinal);
        Assert.Contains("tick by tick: 1500 12 15", table, StringComparison.Ordinal);
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
