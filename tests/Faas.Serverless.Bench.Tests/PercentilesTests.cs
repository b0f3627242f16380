using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class PercentilesTests
{
    [Fact]
    public void Summarize_OneToHundred_NearestRank()
    {
        var summary = Percentiles.Summarize(Enumerable.Range(1, 100).Select(i => (double)(101 - i)));

        Assert.Equal(new LatencySummary(100, 50, 90, 99, 100), summary);
    }

    [Fact]
    public void Of_TenSamples_P99IsTheLargest()
    {
        var sorted = Enumerable.Range(1, 10).Select(i => i * 10.0).ToList();

        Assert.Equal(50, Percentiles.Of(sorted, 50));
        Assert.Equal(90, Percentiles.Of(sorted, 90));
        Assert.Equal(100, Percentiles.Of(sorted, 99));
        Assert.Equal(10, Percentiles.Of(sorted, 0));
    }

    [Fact]
    public void Summarize_NoSamples_NaN()
    {
        var summary = Percentiles.Summarize([]);

        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.P50));
    }

    [Fact]
    public void Of_PercentileAboveHundred_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], 101));
}
