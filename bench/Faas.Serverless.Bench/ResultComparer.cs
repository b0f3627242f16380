using System.Globalization;
using System.Text;

namespace Faas.Serverless.Bench;

/// <summary>Current / base for every headline number; below 1 is better for all but throughput.</summary>
internal static class ResultComparer
{
    public static IReadOnlyList<(string Metric, double Base, double Current, double Ratio)> Ratios(BenchResult baseline, BenchResult current)
    {
        var rows = new List<(string, double, double)>
        {
            ("cold start ms", baseline.ColdStartMs, current.ColdStartMs),
            ("no-op client p50 ms", baseline.NoopClient.P50, current.NoopClient.P50),
            ("no-op server p50 ms", baseline.NoopServer.P50, current.NoopServer.P50),
            ("no-op server p99 ms", baseline.NoopServer.P99, current.NoopServer.P99),
            ("50 ms server p50 ms", baseline.SleepServer.P50, current.SleepServer.P50),
            ("warm overhead ms", baseline.WarmOverheadMs, current.WarmOverheadMs),
            ("storage requests / execution", baseline.StorageRequestsPerExecution, current.StorageRequestsPerExecution),
            ("idle requests / s", baseline.IdleRequestsPerSecond, current.IdleRequestsPerSecond),
        };
        if (baseline.Listing is { } listedBefore && current.Listing is { } listedNow)
        {
            rows.Add(("listing page p50 ms", listedBefore.Page.P50, listedNow.Page.P50));
            rows.Add(("listing whole p50 ms", listedBefore.Walk.P50, listedNow.Walk.P50));
        }

        AddOptional(rows, baseline, current);
        foreach (var run in current.Throughput)
        {
            var before = baseline.Throughput.FirstOrDefault(t => t.Name == run.Name);
            if (before is not null)
            {
                rows.Add(($"{run.Name} executions / s", before.ExecutionsPerSecond, run.ExecutionsPerSecond));
            }
        }

        foreach (var process in current.Processes)
        {
            var before = baseline.Processes.FirstOrDefault(p => p.Role == process.Role);
            if (before is not null)
            {
                rows.Add(($"{process.Role} CPU s / 100 executions", before.CpuSecondsPer100Executions, process.CpuSecondsPer100Executions));
            }
        }

        return rows.Select(r => (r.Item1, r.Item2, r.Item3, Ratio(r.Item2, r.Item3))).ToList();
    }

    /// <summary>Rows for what only newer results measured; left out when either file lacks it.</summary>
    private static void AddOptional(List<(string, double, double)> rows, BenchResult baseline, BenchResult current)
    {
        foreach (var phases in current.Phases ?? [])
        {
            if (baseline.Phases?.FirstOrDefault(p => p.Function == phases.Function) is { } before)
            {
                rows.Add(($"{phases.Function} dispatch p50 ms", before.Dispatch.P50, phases.Dispatch.P50));
                rows.Add(($"{phases.Function} run+report p50 ms", before.RunAndReport.P50, phases.RunAndReport.P50));
            }
        }

        if (baseline.Triggers is { } triggersBefore && current.Triggers is { } triggersNow)
        {
            rows.Add(("event -> created p50 ms", triggersBefore.EventToCreated.P50, triggersNow.EventToCreated.P50));
            rows.Add(("event -> success p50 ms", triggersBefore.EventToSuccess.P50, triggersNow.EventToSuccess.P50));
            if (triggersBefore.Cron is { } cronBefore && triggersNow.Cron is { } cronNow)
            {
                rows.Add(("cron tick -> created p50 ms", cronBefore.TickToCreated.P50, cronNow.TickToCreated.P50));
            }
        }

        if (baseline.StorageCapacity is { } capacityBefore && current.StorageCapacity is { } capacityNow)
        {
            rows.Add(("Azurite capacity operations / s", capacityBefore.OperationsPerSecond, capacityNow.OperationsPerSecond));
            rows.Add(("storage-bound limit executions / s", capacityBefore.StorageBoundExecutionsPerSecond, capacityNow.StorageBoundExecutionsPerSecond));
            rows.Add(("fraction of storage-bound limit", capacityBefore.FractionOfLimit, capacityNow.FractionOfLimit));
        }

        BareDurableTaskComparison.AddRows(rows, baseline, current);
    }

    public static double Ratio(double baseline, double current) =>
        baseline == 0 || double.IsNaN(baseline) ? double.NaN : Math.Round(current / baseline, 3);

    public static string Markdown(BenchResult baseline, BenchResult current)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| metric | {baseline.Name} | {current.Name} | ratio |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var (metric, before, now, ratio) in Ratios(baseline, current))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {metric} | {before:0.##} | {now:0.##} | {ratio:0.###} |");
        }

        text.Append(BareDurableTaskComparison.Markdown(baseline, current));
        return text.ToString();
    }
}
