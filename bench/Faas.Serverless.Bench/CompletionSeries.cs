namespace Faas.Serverless.Bench;

/// <summary>Completions per whole second since the start of a run, so a slowdown as work grows shows.</summary>
internal static class CompletionSeries
{
    public static IReadOnlyList<int> PerSecond(IEnumerable<DateTimeOffset> completions, DateTimeOffset start)
    {
        var seconds = completions.Select(c => Math.Max(0, (int)Math.Floor((c - start).TotalSeconds))).ToList();
        if (seconds.Count == 0)
        {
            return [];
        }

        var series = new int[seconds.Max() + 1];
        foreach (var second in seconds)
        {
            series[second]++;
        }

        return series;
    }
}
