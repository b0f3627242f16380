using System.Globalization;
using System.Text;

namespace Faas.Serverless.Bench;

/// <summary>One run as markdown tables, for the console and bench/results/&lt;name&gt;.md.</summary>
internal static class ResultTable
{
    public static string Markdown(BenchResult r)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"## {r.Name} ({r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.Machine})");
        Line($"");
        Line($"| latency (ms) | n | p50 | p90 | p99 | max |");
        Line($"|---|---:|---:|---:|---:|---:|");
        foreach (var (name, s) in new[] { ("no-op client", r.NoopClient), ("no-op server", r.NoopServer), ("50 ms client", r.SleepClient), ("50 ms server", r.SleepServer) })
        {
            Line($"| {name} | {s.Count} | {s.P50:0.0} | {s.P90:0.0} | {s.P99:0.0} | {s.Max:0.0} |");
        }

        Line($"");
        Line($"Warm overhead (50 ms function, server p50 - 50 ms): **{r.WarmOverheadMs:0.0} ms**. Cold start (deploy -> first success): **{r.ColdStartMs:0} ms**.");
        Phases(Line, r.Phases);
        Timelines(Line, r.Timelines);
        Line($"");
        Line($"| throughput (no-op) | executions | failed | seconds | exec/s | server p50 | p90 | p99 | storage requests / execution |");
        Line($"|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in r.Throughput)
        {
            Line($"| {t.Name} | {t.Executions} | {t.Failed} | {t.Seconds:0.0} | **{t.ExecutionsPerSecond:0.0}** | {t.ServerLatency.P50:0} | {t.ServerLatency.P90:0} | {t.ServerLatency.P99:0} | {(t.StorageRequestsPerExecution is { } perExecution ? perExecution.ToString("0.0", CultureInfo.InvariantCulture) : "-")} |");
        }

        foreach (var t in r.Throughput)
        {
            Line($"");
            Line($"Completions per second, {t.Name}: {string.Join(' ', t.CompletionsPerSecond)}");
        }

        if (r.Listing is { } listing)
        {
            Line($"");
            Line($"Listing {listing.Executions} executions, {ListingBench.PageSize} a page ({listing.PagesPerWalk} pages): page p50 **{listing.Page.P50:0.0} ms** (p90 {listing.Page.P90:0.0}), whole listing p50 **{listing.Walk.P50:0} ms** (n={listing.Walk.Count}).");
        }

        Line($"");
        Line($"Storage requests per execution (closed loop of {(r.Throughput.Count > 0 ? r.Throughput[0].Executions : 0)}): **{r.StorageRequestsPerExecution:0.0}**; by service: {Join(r.StoragePerExecutionByService)}. Idle: **{r.IdleRequestsPerSecond:0.0} requests/s** ({string.Join(", ", r.IdleByOperation.Select(p => $"{p.Key} {p.Value}"))} in 10 s).");
        Line($"");
        Line($"| storage operation | per execution |");
        Line($"|---|---:|");
        foreach (var (operation, perExecution) in r.StoragePerExecutionByOperation)
        {
            Line($"| {operation} | {perExecution:0.00} |");
        }

        Capacity(Line, r);
        Triggers(Line, r.Triggers);
        Line($"");
        Line($"| process | count | CPU s / 100 executions | RSS MB at end |");
        Line($"|---|---:|---:|---:|");
        foreach (var p in r.Processes)
        {
            Line($"| {p.Role} | {p.Count} | {p.CpuSecondsPer100Executions:0.00} | {p.RssMb:0} |");
        }

        BareDurableTaskTable.Append(Line, r);
        return text.ToString();
    }

    private static void Phases(Action<FormattableString> line, IReadOnlyList<PhaseResult>? phases)
    {
        if (phases is null)
        {
            return;
        }

        line($"");
        line($"| server phases, sequential (ms) | dispatch p50 | p90 | run+report p50 | p90 | client overhead p50 | p90 | slowest |");
        line($"|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var p in phases)
        {
            line($"| {p.Function} | {p.Dispatch.P50:0.0} | {p.Dispatch.P90:0.0} | {p.RunAndReport.P50:0.0} | {p.RunAndReport.P90:0.0} | {p.ClientOverhead.P50:0.0} | {p.ClientOverhead.P90:0.0} | {p.Slowest} |");
        }

        line($"");
        line($"Dispatch: created -> in-progress (the host handles the runner's start report). Run+report: in-progress -> success, minus the function's own time (50 ms for sleep50). Client overhead: round trip - server time.");
    }

    private static void Timelines(Action<FormattableString> line, IReadOnlyList<OrchestrationTimeline>? timelines)
    {
        foreach (var t in timelines ?? [])
        {
            line($"");
            line($"| {t.Label}: step (ms; {t.OfShape} of {t.Samples} executions of the common shape) | p50 | p90 | p99 |");
            line($"|---|---:|---:|---:|");
            foreach (var step in t.Steps)
            {
                var mark = ReferenceEquals(step, t.Slowest) ? " **(slowest)**" : string.Empty;
                line($"| {step.From} -> {step.To}{mark} | {step.Duration.P50:0.0} | {step.Duration.P90:0.0} | {step.Duration.P99:0.0} |");
            }
        }

        if (timelines is { Count: > 0 })
        {
            line($"");
            line($"Steps between the moments the host records: the execution's createdAt, its orchestration's history events (Durable Task's timestamps) and the record's final status.");
        }
    }

    private static void Capacity(Action<FormattableString> line, BenchResult r)
    {
        if (r.StorageCapacity is not { } c)
        {
            return;
        }

        line($"");
        line($"Azurite's raw capacity for this mix ({c.Tasks} tasks, {c.Seconds:0.0} s, SDK clients, own table and queue): **{c.OperationsPerSecond:0} operations/s**, Azurite at {c.AzuriteCores:0.00} cores ({c.Operations} done, {c.Failed} failed; {string.Join(", ", c.ByOperation.Select(p => $"{p.Key} {p.Value}"))}).");
        line($"Storage-bound limit: {c.OperationsPerSecond:0} / {c.RequestsPerExecution:0.0} requests per execution = **{c.StorageBoundExecutionsPerSecond:0.0} executions/s**; closed-loop throughput {c.PlatformExecutionsPerSecond:0.0} exec/s is **{c.FractionOfLimit * 100:0}%** of it.");
    }

    private static void Triggers(Action<FormattableString> line, TriggerResult? t)
    {
        if (t is null)
        {
            return;
        }

        line($"");
        line($"| trigger latency (ms) | n | p50 | p90 | p99 | max |");
        line($"|---|---:|---:|---:|---:|---:|");
        var rows = new List<(string, LatencySummary)> { ("event POST (client)", t.PostClient), ("event -> created", t.EventToCreated), ("event -> success (no-op)", t.EventToSuccess) };
        if (t.Cron is { } cron)
        {
            rows.Add(("cron tick -> created", cron.TickToCreated));
            rows.Add(("cron tick -> success", cron.TickToSuccess));
        }

        foreach (var (name, s) in rows)
        {
            line($"| {name} | {s.Count} | {s.P50:0.0} | {s.P90:0.0} | {s.P99:0.0} | {s.Max:0.0} |");
        }

        if (t.Cron?.TickToCreatedInOrder is { } inOrder)
        {
            line($"");
            line($"Cron tick -> created (ms), tick by tick: {string.Join(' ', inOrder)}");
        }
    }

    internal static string Join(IReadOnlyDictionary<string, double> values) =>
        string.Join(", ", values.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:0.0}")));
}
