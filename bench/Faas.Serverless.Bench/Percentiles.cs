namespace Faas.Serverless.Bench;

/// <summary>p50/p90/p99 in milliseconds of one sample set.</summary>
internal sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max);

internal static class Percentiles
{
    /// <summary>Nearest-rank percentile, so every reported value is one that was really measured.</summary>
    public static double Of(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    public static LatencySummary Summarize(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToList();
        return new LatencySummary(
            sorted.Count,
            Of(sorted, 50),
            Of(sorted, 90),
            Of(sorted, 99),
            sorted.Count == 0 ? double.NaN : sorted[^1]);
    }
}
