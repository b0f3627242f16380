using System.Globalization;
using System.Text;

namespace Faas.Serverless.Bench;

/// <summary>The bare Durable Task runs of two result files side by side, and each file's platform against its own bare run.</summary>
internal static class BareDurableTaskComparison
{
    /// <summary>Rows for <see cref="ResultComparer.Ratios"/>; none unless both files have a bare run.</summary>
    public static void AddRows(List<(string, double, double)> rows, BenchResult baseline, BenchResult current)
    {
        if (baseline.BareDurableTask is not { } before || current.BareDurableTask is not { } now)
        {
            return;
        }

        rows.Add(("bare DT cold start ms", before.ColdStartMs, now.ColdStartMs));
        rows.Add(("bare DT client p50 ms", before.Client.P50, now.Client.P50));
        rows.Add(("bare DT server p50 ms", before.Server.P50, now.Server.P50));
        foreach (var run in now.Throughput)
        {
            if (before.Throughput.FirstOrDefault(t => t.Name == run.Name) is { } earlier)
            {
                rows.Add(($"bare DT {run.Name} orchestrations / s", earlier.ExecutionsPerSecond, run.ExecutionsPerSecond));
            }
        }

        rows.Add(("bare DT storage requests / orchestration", before.StorageRequestsPerOrchestration, now.StorageRequestsPerOrchestration));
        rows.Add(("bare DT idle requests / s", before.IdleRequestsPerSecond, now.IdleRequestsPerSecond));
        if (PlatformToBareDurableTask.Of(baseline) is { } versusBefore && PlatformToBareDurableTask.Of(current) is { } versusNow)
        {
            rows.Add(("platform / bare DT throughput", versusBefore.ThroughputRatio, versusNow.ThroughputRatio));
            rows.Add(("platform / bare DT storage requests", versusBefore.StorageRequestsRatio, versusNow.StorageRequestsRatio));
        }
    }

    /// <summary>
    /// Each file against the bare run of its own invocation (issue 12's targets: throughput >= 1x, storage requests
    /// <= 1x); "-" for a file written before the bare run existed. Empty when neither file has one.
    /// </summary>
    public static string Markdown(BenchResult baseline, BenchResult current)
    {
        var (before, now) = (PlatformToBareDurableTask.Of(baseline), PlatformToBareDurableTask.Of(current));
        if (before is null && now is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        string Cell(PlatformToBareDurableTask? v, Func<PlatformToBareDurableTask, string> show) => v is null ? "-" : show(v);
        Line($"");
        Line($"| platform vs bare Durable Task of the same run | {baseline.Name} | {current.Name} |");
        Line($"|---|---:|---:|");
        Line($"| closed loop | {Cell(before, v => v.Loop)} | {Cell(now, v => v.Loop)} |");
        Line($"| throughput, platform / bare | {Cell(before, v => BareDurableTaskTable.Times(v.ThroughputRatio))} | {Cell(now, v => BareDurableTaskTable.Times(v.ThroughputRatio))} |");
        Line($"| storage requests, platform / bare | {Cell(before, v => BareDurableTaskTable.Times(v.StorageRequestsRatio))} | {Cell(now, v => BareDurableTaskTable.Times(v.StorageRequestsRatio))} |");
        Line($"| idle requests, platform / bare | {Cell(before, v => BareDurableTaskTable.Times(v.IdleRequestsRatio))} | {Cell(now, v => BareDurableTaskTable.Times(v.IdleRequestsRatio))} |");
        Line($"| no-op p50 client, platform - bare | {Cell(before, v => BareDurableTaskTable.Difference(v.ClientP50DifferenceMs))} | {Cell(now, v => BareDurableTaskTable.Difference(v.ClientP50DifferenceMs))} |");
        Line($"| no-op p50 server, platform - bare | {Cell(before, v => BareDurableTaskTable.Difference(v.ServerP50DifferenceMs))} | {Cell(now, v => BareDurableTaskTable.Difference(v.ServerP50DifferenceMs))} |");
        return text.ToString();
    }
}
