using System.Globalization;

namespace Faas.Serverless.Bench;

/// <summary>The bare Durable Task run's tables, and the platform next to it, appended to a run's markdown.</summary>
internal static class BareDurableTaskTable
{
    public static void Append(Action<FormattableString> line, BenchResult r)
    {
        if (r.BareDurableTask is not { } b)
        {
            return;
        }

        var settings = string.Join(", ", b.Settings.Select(p => $"{p.Key} {p.Value}"));
        line($"");
        line($"### Bare Durable Task, same run (task hub `{b.HubName}`, platform host stopped)");
        line($"");
        line($"DurableTask.Core + DurableTask.AzureStorage: a TaskHubWorker in the bench process on the same Azurite, one orchestration calling one in-process no-op activity, completion = the worker's commit of the final state, signalled in-process. The task hub is built by the platform's own code (OrchestrationServiceFactory: table partition management, worker id, storage client options) from the platform's DurableTaskOptions, bound from host.json extensions.durableTask: {settings}. Queue messages stored in Azurite at its start: {b.QueueMessagesAtStart}.");
        line($"");
        line($"| bare Durable Task latency (ms) | n | p50 | p90 | p99 | max |");
        line($"|---|---:|---:|---:|---:|---:|");
        foreach (var (name, s) in new[] { ("client (schedule -> completion committed)", b.Client), ("server (created -> completed)", b.Server) })
        {
            line($"| {name} | {s.Count} | {s.P50:0.0} | {s.P90:0.0} | {s.P99:0.0} | {s.Max:0.0} |");
        }

        line($"");
        line($"Cold start (worker start, task hub created -> first orchestration completed): **{b.ColdStartMs:0} ms**.");
        line($"");
        line($"| throughput (no-op orchestration) | orchestrations | failed | seconds | orch/s | server p50 | p90 | p99 |");
        line($"|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var t in b.Throughput)
        {
            line($"| {t.Name} | {t.Executions} | {t.Failed} | {t.Seconds:0.0} | **{t.ExecutionsPerSecond:0.0}** | {t.ServerLatency.P50:0} | {t.ServerLatency.P90:0} | {t.ServerLatency.P99:0} |");
        }

        foreach (var t in b.Throughput)
        {
            line($"");
            line($"Completions per second, bare {t.Name}: {string.Join(' ', t.CompletionsPerSecond)}");
        }

        line($"");
        line($"Storage requests per orchestration (closed loop of {(b.Throughput.Count > 0 ? b.Throughput[0].Executions : 0)}): **{b.StorageRequestsPerOrchestration:0.0}**; by service: {ResultTable.Join(b.StoragePerOrchestrationByService)}. Idle: **{b.IdleRequestsPerSecond:0.0} requests/s** ({string.Join(", ", b.IdleByOperation.Select(p => $"{p.Key} {p.Value}"))} in 10 s).");
        line($"");
        line($"| storage operation | per orchestration |");
        line($"|---|---:|");
        foreach (var (operation, perOrchestration) in b.StoragePerOrchestrationByOperation)
        {
            line($"| {operation} | {perOrchestration:0.00} |");
        }

        line($"");
        line($"| process | CPU s / 100 orchestrations | RSS MB at end |");
        line($"|---|---:|---:|");
        foreach (var p in b.Processes)
        {
            line($"| {p.Role} | {p.CpuSecondsPer100Executions:0.00} | {p.RssMb:0} |");
        }

        Versus(line, r, b);
    }

    private static void Versus(Action<FormattableString> line, BenchResult r, BareDurableTaskResult b)
    {
        if (PlatformToBareDurableTask.Of(r) is not { } v)
        {
            return;
        }

        var bareLoop = b.Throughput.FirstOrDefault(t => t.Name == v.Loop)?.ExecutionsPerSecond ?? double.NaN;
        line($"");
        line($"| platform vs bare Durable Task (same run) | platform | bare Durable Task | platform / bare, or platform - bare |");
        line($"|---|---:|---:|---:|");
        line($"| {v.Loop} per second | {r.Throughput[0].ExecutionsPerSecond:0.0} | {bareLoop:0.0} | **{Times(v.ThroughputRatio)}** |");
        line($"| storage requests per execution | {r.StorageRequestsPerExecution:0.0} | {b.StorageRequestsPerOrchestration:0.0} | **{Times(v.StorageRequestsRatio)}** |");
        line($"| idle requests / s | {r.IdleRequestsPerSecond:0.0} | {b.IdleRequestsPerSecond:0.0} | {Times(v.IdleRequestsRatio)} |");
        line($"| no-op p50 client ms | {r.NoopClient.P50:0.0} | {b.Client.P50:0.0} | {Difference(v.ClientP50DifferenceMs)} |");
        line($"| no-op p50 server ms | {r.NoopServer.P50:0.0} | {b.Server.P50:0.0} | {Difference(v.ServerP50DifferenceMs)} |");
        line($"| cold start ms | {r.ColdStartMs:0} | {b.ColdStartMs:0} | {Times(ResultComparer.Ratio(b.ColdStartMs, r.ColdStartMs))} |");
        line($"");
        line($"The platform's client is HTTP (`?wait=true`; the closed loop posts and long-polls, and that polling is in its storage count); the bare run's client is a TaskHubClient in the worker's process, told of each completion in-process, so its count has no waiting in it. Cold start: deploy -> first success for the platform, worker start -> first completion for the bare run.");
    }

    internal static string Times(double ratio) => string.Create(CultureInfo.InvariantCulture, $"{ratio:0.00}x");

    internal static string Difference(double ms) => string.Create(CultureInfo.InvariantCulture, $"{ms:+0.0;-0.0;0.0} ms");
}
