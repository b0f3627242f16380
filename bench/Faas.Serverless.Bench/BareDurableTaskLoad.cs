using System.Collections.Concurrent;
using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Query;
using Faas.Serverless.Orchestrations.Durable;

namespace Faas.Serverless.Bench;

/// <summary>
/// Schedules <see cref="NoopOrchestration"/>s through a <see cref="TaskHubClient"/> and waits for each one's end, signalled
/// in-process by the platform's <see cref="CompletionSignals"/> once the worker has committed it: one at a time, or a
/// closed loop of many. Their statuses and stamps are read from the instance table afterwards, outside the measured
/// storage window, so that the bare run's request count holds Durable Task's own requests only.
/// </summary>
internal sealed class BareDurableTaskLoad(AzureStorageOrchestrationService service, CompletionSignals signals)
{
    /// <summary>Far beyond any healthy orchestration, short enough that a stuck run fails instead of hanging the bench.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly TaskHubClient _client = new(service);

    /// <summary>One orchestration, its instance id starting with <paramref name="prefix"/> so its run's ends are read in one query.</summary>
    public async Task<AwaitedOrchestration> RunOneAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var instanceId = prefix + Guid.NewGuid().ToString("N");
        using var watch = signals.Observe(instanceId);
        var started = Stopwatch.GetTimestamp();
        await _client.CreateOrchestrationInstanceAsync(typeof(NoopOrchestration), instanceId, "noop");
        await watch.Signaled.WaitAsync(Patience, cancellationToken);
        return new AwaitedOrchestration(instanceId, Stopwatch.GetElapsedTime(started).TotalMilliseconds, DateTimeOffset.UtcNow);
    }

    /// <summary><paramref name="warmUp"/> + <paramref name="count"/> in sequence; client and server summaries of the last <paramref name="count"/>.</summary>
    public async Task<(LatencySummary Client, LatencySummary Server)> SequentialAsync(int warmUp, int count, CancellationToken cancellationToken = default)
    {
        const string prefix = "sequential-";
        var awaited = new List<AwaitedOrchestration>();
        for (var i = 0; i < warmUp + count; i++)
        {
            awaited.Add(await RunOneAsync(prefix, cancellationToken));
        }

        var completions = await CompletionsAsync(prefix, awaited, cancellationToken);
        if (completions.FirstOrDefault(c => !c.Succeeded) is { } failed)
        {
            throw new InvalidOperationException($"Orchestration {failed.InstanceId} ended {failed.Status}.");
        }

        return (Percentiles.Summarize(awaited.Skip(warmUp).Select(a => a.ClientMs)), Percentiles.Summarize(completions.Skip(warmUp).Select(c => c.ServerMs)));
    }

    /// <summary><paramref name="orchestrations"/> scheduled by <paramref name="submitters"/> tasks, each waiting for its own before the next, as the platform's closed loop does.</summary>
    public async Task<AwaitedLoop> ClosedLoopAsync(int orchestrations, int submitters, CancellationToken cancellationToken = default)
    {
        var name = $"closed-{orchestrations}";
        var finished = new ConcurrentBag<AwaitedOrchestration>();
        var next = 0;
        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, submitters).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= orchestrations)
            {
                finished.Add(await RunOneAsync(name + "-", cancellationToken));
            }
        }));
        return new AwaitedLoop(name, [.. finished], clock.Elapsed, started);
    }

    public async Task<ThroughputResult> SummarizeAsync(AwaitedLoop loop, CancellationToken cancellationToken = default) =>
        Summarize(loop.Name, await CompletionsAsync(loop.Name + "-", loop.Orchestrations, cancellationToken), loop.Elapsed, loop.Started);

    internal static ThroughputResult Summarize(string name, IReadOnlyCollection<OrchestrationCompletion> finished, TimeSpan elapsed, DateTimeOffset started) =>
        new(
            name,
            finished.Count,
            finished.Count(c => !c.Succeeded),
            Math.Round(elapsed.TotalSeconds, 2),
            Math.Round(finished.Count / elapsed.TotalSeconds, 2),
            Percentiles.Summarize(finished.Select(c => c.ServerMs)),
            CompletionSeries.PerSecond(finished.Select(c => c.ObservedAt), started));

    /// <summary>The instance rows of <paramref name="awaited"/>, in its order, read a page of up to 1,000 per query.</summary>
    private async Task<IReadOnlyList<OrchestrationCompletion>> CompletionsAsync(
        string prefix, IReadOnlyList<AwaitedOrchestration> awaited, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, OrchestrationState>(StringComparer.Ordinal);
        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = 1000, ExcludeEntities = true };
        do
        {
            var page = await service.GetOrchestrationWithQueryAsync(query, cancellationToken);
            foreach (var state in page.OrchestrationState)
            {
                states[state.OrchestrationInstance.InstanceId] = state;
            }

            query.ContinuationToken = page.ContinuationToken;
        }
        while (query.ContinuationToken is not null);

        return [.. awaited.Select(a => states.TryGetValue(a.InstanceId, out var s)
            ? new OrchestrationCompletion(a.InstanceId, s.OrchestrationStatus, s.CreatedTime, s.CompletedTime, a.ObservedAt)
            : throw new InvalidOperationException($"Orchestration {a.InstanceId} was signalled done but has no instance row."))];
    }
}
