using System.Diagnostics;
using DurableTask.Core;
using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Serverless.Bench;

/// <summary>
/// Bare Durable Task on the bench's Azurite, in the bench process: a TaskHubWorker over the AzureStorageOrchestrationService
/// the platform's <see cref="OrchestrationServiceFactory"/> builds from the platform's <see cref="DurableTaskOptions"/>,
/// on a task hub of its own, measured as the platform is (sequential latency, closed loop, storage requests between
/// marks, idle, cold start).
/// </summary>
internal static class BareDurableTaskBench
{
    /// <summary>Apart from the platform's (host.json's hubName): the platform's tables and queues are never touched.</summary>
    public const string HubName = "baredt";

    public static async Task<BareDurableTaskResult> RunAsync(
        string connectionString, int azuritePid, string debugLog, AzuriteMarks marks, DurableTaskOptions durableTask, BenchOptions options, CancellationToken cancellationToken = default)
    {
        var parked = await QueueMessagesAsync(connectionString, cancellationToken);
        var signals = new CompletionSignals();
        using var service = OrchestrationServiceFactory.Create(new StorageSettings { ConnectionString = connectionString }, durableTask, NullLoggerFactory.Instance);
        using var worker = new TaskHubWorker(new SignalingOrchestrationService(service, signals, NullLogger.Instance));
        worker.AddTaskOrchestrations(typeof(NoopOrchestration));
        worker.AddTaskActivities(typeof(NoopActivity));
        var load = new BareDurableTaskLoad(service, signals);
        try
        {
            BenchRun.Step("bare Durable Task: cold start");
            var coldStart = Stopwatch.StartNew();

            // As the host's worker service does: the task hub first, then the worker.
            await service.CreateIfNotExistsAsync();
            await worker.StartAsync();
            await load.RunOneAsync("cold-", cancellationToken);
            var coldStartMs = coldStart.Elapsed.TotalMilliseconds;

            BenchRun.Step("bare Durable Task: sequential latency");
            var (client, server) = await load.SequentialAsync(options.WarmUp, options.LatencyCount, cancellationToken);

            BenchRun.Step($"bare Durable Task: closed loop {options.ClosedLoop}");
            var before = Sample(azuritePid);
            await marks.MarkAsync("bareclosedfrom", cancellationToken);
            var loop = await load.ClosedLoopAsync(options.ClosedLoop, BenchOptions.Submitters, cancellationToken);
            await marks.MarkAsync("bareclosedto", cancellationToken);
            var after = Sample(azuritePid);
            var throughput = new List<ThroughputResult> { await load.SummarizeAsync(loop, cancellationToken) };
            if (options.Long)
            {
                BenchRun.Step("bare Durable Task: closed loop 5000");
                throughput.Add(await load.SummarizeAsync(await load.ClosedLoopAsync(5000, BenchOptions.Submitters, cancellationToken), cancellationToken));
            }

            BenchRun.Step("bare Durable Task: idle 10 s");
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            await marks.MarkAsync("bareidlefrom", cancellationToken);
            var idle = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            await marks.MarkAsync("bareidleto", cancellationToken);
            var idleSeconds = idle.Elapsed.TotalSeconds;
            var end = Sample(azuritePid);

            await AzuriteDebugLog.WaitForMarkAsync(debugLog, "benchmarkbareidleto", cancellationToken);
            var requests = AzuriteDebugLog.Requests(debugLog);
            var storage = StorageCounts.Between(requests, "bareclosedfrom", "bareclosedto", throughput[0].Seconds);
            var idleCounts = StorageCounts.Between(requests, "bareidlefrom", "bareidleto", idleSeconds);
            var orchestrations = options.ClosedLoop;
            return new BareDurableTaskResult
            {
                HubName = HubName,
                Settings = PlatformDurableTaskOptions.Applied(durableTask),
                QueueMessagesAtStart = parked,
                ColdStartMs = Math.Round(coldStartMs),
                Client = client,
                Server = server,
                Throughput = throughput,
                StorageRequestsPerOrchestration = Math.Round((double)storage.Total / orchestrations, 2),
                StoragePerOrchestrationByService = storage.PerService(orchestrations),
                StoragePerOrchestrationByOperation = storage.PerUnit(orchestrations),
                IdleRequestsPerSecond = Math.Round(idleCounts.Total / idleCounts.Seconds, 2),
                IdleByOperation = idleCounts.ByOperation,
                Processes = [.. end.Select(p => new ProcessUsage(
                    p.Key, 1, Math.Round((after[p.Key].CpuSeconds - before[p.Key].CpuSeconds) * 100 / orchestrations, 3), Math.Round(p.Value.RssMb)))],
            };
        }
        finally
        {
            await worker.StopAsync(isForced: true);
        }
    }

    /// <summary>Azurite, and this process: the worker and the client that schedules and awaits (no HTTP, no polling).</summary>
    private static IReadOnlyDictionary<string, (double CpuSeconds, double RssMb)> Sample(int azuritePid) =>
        ProcessRoles.Sample(new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal)
        {
            ["bench (worker + client)"] = [Environment.ProcessId],
            ["azurite"] = [azuritePid],
        });

    private static async Task<int> QueueMessagesAsync(string connectionString, CancellationToken cancellationToken)
    {
        var queues = StorageClients.FromConnectionString(connectionString).Queues;
        var total = 0;
        await foreach (var queue in queues.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            total += (await queues.GetQueueClient(queue.Name).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }

        return total;
    }
}
