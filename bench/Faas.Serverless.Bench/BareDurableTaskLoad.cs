using System.Collections.Concurrent;
using System.Diagnostics;
using DurableTask.Core;

namespace Faas.Serverless.Bench;

/// <summary>
/// Schedules <see cref="NoopOrchestration"/>s through a <see cref="TaskHubClient"/> and waits for each one's committed
/// completion (<see cref="CompletionSignals"/>): one at a time, or a closed loop of many.
/// </summary>
internal sealed class BareDurableTaskLoad(TaskHubClient client, CompletionSignals signals)
{
    /// <summary>Far beyond any healthy orchestration, short enough that a stuck run fails instead of hanging the bench.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>One orchestration: its completion and the client's time from scheduling it to seeing that completion.</summary>
    public async Task<(OrchestrationCompletion Completion, double ClientMs)> RunOneAsync(CancellationToken cancellationToken = default)
    {
        var instanceId = Guid.NewGuid().ToString("N");
        var completed = signals.Expect(instanceId);
        var started = Stopwatch.GetTimestamp();
        await client.CreateOrchestrationInstanceAsync(typeof(NoopOrchestration), instanceId, "noop");
        var completion = await completed.WaitAsync(Patience, cancellationToken);
        return (completion, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary><paramref name="warmUp"/> + <paramref name="count"/> in sequence; client and server summaries of the last <paramref name="count"/>.</summary>
    public async Task<(LatencySummary Client, LatencySummary Server)> SequentialAsync(int warmUp, int count, CancellationToken cancellationToken = default)
    {
        var samples = new List<(OrchestrationCompletion Completion, double ClientMs)>();
        for (var i = 0; i < warmUp + count; i++)
        {
            var sample = await RunOneAsync(cancellationToken);
            if (!sample.Completion.Succeeded)
            {
                throw new InvalidOperationException($"Orchestration {sample.Completion.InstanceId} ended {sample.Completion.Status}.");
            }

            if (i >= warmUp)
            {
                samples.Add(sample);
            }
        }

        return (Percentiles.Summarize(samples.Select(s => s.ClientMs)), Percentiles.Summarize(samples.Select(s => s.Completion.ServerMs)));
    }

    /// <summary><paramref name="orchestrations"/> scheduled by <paramref name="submitters"/> tasks, each waiting for its own before the next, as the platform's closed loop does.</summary>
    public async Task<ThroughputResult> ClosedLoopAsync(int orchestrations, int submitters, CancellationToken cancellationToken = default)
    {
        var finished = new ConcurrentBag<OrchestrationCompletion>();
        var next = 0;
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, submitters).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= orchestrations)
            {
                finished.Add((await RunOneAsync(cancellationToken)).Completion);
            }
        }));
        return Summarize($"closed-{orchestrations}", [.. finished], clock.Elapsed, started);
    }

    internal static ThroughputResult Summarize(string name, IReadOnlyCollection<OrchestrationCompletion> finished, TimeSpan elapsed, DateTimeOffset started) =>
        new(
            name,
            finished.Count,
            finished.Count(c => !c.Succeeded),
            Math.Round(elapsed.TotalSeconds, 2),
            Math.Round(finished.Count / elapsed.TotalSeconds, 2),
            Percentiles.Summarize(finished.Select(c => c.ServerMs)),
            CompletionSeries.PerSecond(finished.Select(c => c.ObservedAt), started));
}
