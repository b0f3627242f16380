using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>Many async executions of the no-op: a closed loop (N submitters) or an open loop (a fixed rate).</summary>
internal static class ThroughputBench
{
    /// <summary><paramref name="executions"/> posts by <paramref name="submitters"/> tasks, each long-polling its own until final.</summary>
    public static async Task<(ThroughputResult Result, IReadOnlyList<JsonObject> Finished)> ClosedLoopAsync(FaasApi api, string serviceId, int executions, int submitters, CancellationToken cancellationToken = default)
    {
        var finished = new ConcurrentBag<JsonObject>();
        var next = 0;
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, submitters).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= executions)
            {
                finished.Add(await RunOneAsync(api, serviceId, cancellationToken));
            }
        }));
        return (Summarize($"closed-{executions}", finished, clock.Elapsed, started), [.. finished]);
    }

    /// <summary>One execution started every 1/<paramref name="perSecond"/> s whatever the platform's pace.</summary>
    public static async Task<ThroughputResult> OpenLoopAsync(FaasApi api, string serviceId, int perSecond, int seconds, CancellationToken cancellationToken = default)
    {
        var finished = new ConcurrentBag<JsonObject>();
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        for (var i = 0; i < perSecond * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            running.Add(Task.Run(async () => finished.Add(await RunOneAsync(api, serviceId, cancellationToken)), cancellationToken));
        }

        await Task.WhenAll(running);
        return Summarize($"open-{perSecond}per-s-{seconds}s", finished, clock.Elapsed, started);
    }

    private static async Task<JsonObject> RunOneAsync(FaasApi api, string serviceId, CancellationToken cancellationToken)
    {
        var created = await api.ExecuteAsync(serviceId, "noop", wait: false, cancellationToken);
        return ExecutionTimes.IsFinal(created)
            ? created
            : await api.WaitFinishedAsync(created["id"]!.GetValue<string>(), cancellationToken);
    }

    private static ThroughputResult Summarize(string name, ConcurrentBag<JsonObject> finished, TimeSpan elapsed, DateTimeOffset started) =>
        new(
            name,
            finished.Count,
            finished.Count(e => !ExecutionTimes.Succeeded(e)),
            Math.Round(elapsed.TotalSeconds, 2),
            Math.Round(finished.Count / elapsed.TotalSeconds, 2),
            Percentiles.Summarize(finished.Select(ExecutionTimes.ServerMs)),
            CompletionSeries.PerSecond(finished.Select(ExecutionTimes.FinishedAt), started));
}
