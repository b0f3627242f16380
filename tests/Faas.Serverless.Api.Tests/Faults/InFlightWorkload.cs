using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// 50 executions of the package's <c>work</c> function (2-3 s each, one key each) on a service of 2 replicas with 8
/// calls each: 16 run at once and the rest wait in the queue, so a fault lands with all of them in flight.
/// </summary>
public sealed class InFlightWorkload
{
    public const int Size = 50;
    public const int Replicas = 2;
    public const int Concurrency = 8;

    private InFlightWorkload(string serviceId, IReadOnlyList<string> keys, IReadOnlyList<string> ids)
    {
        ServiceId = serviceId;
        Keys = keys;
        Ids = ids;
    }

    public string ServiceId { get; }

    public IReadOnlyList<string> Keys { get; }

    public IReadOnlyList<string> Ids { get; }

    /// <summary>Deploys the service, waits until it is Active, and submits the executions.</summary>
    /// <param name="onReset">What happens to an attempt whose replica died: <c>failed</c> or <c>rerun</c>.</param>
    public static async Task<InFlightWorkload> StartAsync(HostApi api, string name, int maxAttempts, string onReset)
    {
        var serviceId = await api.DeployAsync(new
        {
            name,
            packageName = "e2e",
            initParams = new { greeting = "hi" },
            maxAttempts,
            onReset,
            runtime = new { replicas = Replicas, concurrency = Concurrency },
        });
        await api.WaitForActiveAsync(serviceId, TimeSpan.FromSeconds(60));
        var keys = Enumerable.Range(0, Size).Select(i => $"{name}-{i:D2}").ToArray();
        var ids = new string[Size];
        await Parallel.ForEachAsync(Enumerable.Range(0, Size), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            ids[i] = await api.ExecuteAsync(serviceId, "work", new { key = keys[i], seconds = 2.0 + (i % 5 * 0.25) }));
        return new InFlightWorkload(serviceId, keys, ids);
    }

    /// <summary>
    /// Waits until at least <paramref name="atLeast"/> of the workload's calls are running: invoked by a runner (its
    /// log line in a host's output) and the body not yet ended (no line in its key's file). A record's "in-progress"
    /// is not enough: on a loaded machine the start report can be applied after a 2-3 s body has ended, and the fault
    /// would land on finished calls. Returns how many run.
    /// </summary>
    public async Task<int> WaitForRunningAsync(FaultPlatform platform, int atLeast, params HostProcess[] hosts)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var running = 0;
        await Eventually.TrueAsync(
            () =>
            {
                var invoked = RunnerLog.Invocations(hosts);
                running = Enumerable.Range(0, Size).Count(i => invoked.ContainsKey(Ids[i]) && platform.Runs(Keys[i]) == 0);
                return Task.FromResult(running >= atLeast);
            },
            TimeSpan.FromSeconds(30),
            $"{atLeast} calls should be running");
        return running;
    }

    /// <summary>
    /// Polls every execution until each is final or <paramref name="timeout"/> has passed, answering through whichever
    /// host can (reads fail while a host restarts or storage is down). Returns the final ones, each once.
    /// </summary>
    public async Task<IReadOnlyList<ExecutionOutcome>> WaitForAllFinalAsync(HostApi api, TimeSpan timeout)
    {
        var final = new ConcurrentDictionary<string, ExecutionOutcome>();
        var clock = Stopwatch.StartNew();
        while (final.Count < Size && clock.Elapsed < timeout)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, Size).Where(i => !final.ContainsKey(Ids[i])), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                if (await api.TryGetExecutionAsync(Ids[i]) is { } execution && execution.GetProperty("latestStatus").GetProperty("status").GetString() is "success" or "failed" or "terminated" or "aborted" or "system-failure")
                {
                    final[Ids[i]] = new ExecutionOutcome(Ids[i], Keys[i], execution);
                }
            });
            await Task.Delay(250);
        }

        return [.. Ids.Where(final.ContainsKey).Select(id => final[id])];
    }

    /// <summary>
    /// The executions that did not reach a final status, each with its status log and its Durable Task instance's
    /// runtime status and history, for the failure message.
    /// </summary>
    public async Task<IReadOnlyList<string>> DescribeMissingAsync(HostApi api, IReadOnlyList<ExecutionOutcome> final)
    {
        ArgumentNullException.ThrowIfNull(api);
        var missing = new List<string>();
        foreach (var (key, id) in Keys.Zip(Ids).Where(pair => final.All(o => o.Id != pair.Second)))
        {
            var execution = await api.TryGetExecutionAsync(id);
            var orchestration = await api.TryGetOrchestrationAsync(id);
            var history = orchestration?.GetProperty("history").EnumerateArray()
                .Select(e => e.GetProperty("eventType").GetString() + (e.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? $"({name.GetString()})" : string.Empty));
            missing.Add((execution is { } found ? new ExecutionOutcome(id, key, found).Describe() : $"{key} ({id}): unreadable") +
                $"; orchestration: {orchestration?.GetProperty("runtimeStatus").GetString() ?? "none"}" +
                (history is null ? string.Empty : $", history: {string.Join(" ", history)}"));
        }

        return missing;
    }
}
