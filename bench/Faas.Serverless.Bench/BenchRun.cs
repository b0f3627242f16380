using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>One full run: fresh Azurite and host, set-up, then every measurement in turn.</summary>
internal static class BenchRun
{
    public static async Task<BenchResult> RunAsync(BenchOptions options, string root, CancellationToken cancellationToken = default)
    {
        // Read first, so a host.json without the block fails the bench before its ten minutes, not after.
        var durableTask = PlatformDurableTaskOptions.Read(Path.Combine(root, "host.json"), BareDurableTaskBench.HubName);
        var workDir = Directory.CreateTempSubdirectory("faas-bench-").FullName;
        var debugLog = Path.Combine(workDir, "azurite-debug.log");
        Console.Error.WriteLine($"bench: work dir {workDir}");
        await using var processes = new Processes { RepositoryRoot = root, WorkDir = workDir };
        var (azuritePid, connection) = processes.StartAzurite(debugLog, options.AzuriteInMemory);
        using var marks = AzuriteMarks.FromConnectionString(connection);
        var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var url = new Uri($"http://127.0.0.1:{Processes.FreePort()}");
        var hostPid = processes.StartHost(url, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = connection,
            ["Faas__Auth__AdminKey"] = adminKey,
            ["Faas__RateLimits__Enabled"] = "false",
            // Lets the bench's cron trigger fire every second instead of at most once a minute.
            ["Faas__Triggers__MinCronIntervalSeconds"] = "1",
            ["Faas__Runners__WorkDir"] = Directory.CreateDirectory(Path.Combine(workDir, "runners")).FullName,
        });
        using var admin = FaasApi.Create(url, adminKey);
        await WaitHealthyAsync(admin, TimeSpan.FromSeconds(90), cancellationToken);
        var userKey = await admin.SetUpAsync(cancellationToken);
        using var api = admin.AsUser(userKey, url);
        await api.PushAsync(Path.Combine(root, "bench", "package"), cancellationToken);

        Step("cold start");
        var coldStart = Stopwatch.StartNew();
        var serviceId = await api.DeployAsync(replicas: 1, concurrency: BenchOptions.Submitters, cancellationToken);
        await FirstSuccessAsync(api, serviceId, cancellationToken);
        var coldStartMs = coldStart.Elapsed.TotalMilliseconds;

        Step("sequential latency");
        var (noopClient, noopServer, noopPhases, noops) = await LatencyBench.RunAsync(api, serviceId, "noop", 0, options.WarmUp, options.LatencyCount, cancellationToken);
        var (sleepClient, sleepServer, sleepPhases, sleeps) = await LatencyBench.RunAsync(api, serviceId, "sleep50", 50, options.WarmUp, options.LatencyCount, cancellationToken);

        Step($"closed loop {options.ClosedLoop}");
        var roles = ProcessRoles.Find(hostPid, azuritePid);
        var cpuBefore = ProcessRoles.Sample(roles);
        var startedAt = DateTimeOffset.UtcNow;
        await marks.MarkAsync("closedfrom", cancellationToken);
        var (closed, closedExecutions) = await ThroughputBench.ClosedLoopAsync(api, serviceId, options.ClosedLoop, BenchOptions.Submitters, cancellationToken);
        var throughput = new List<ThroughputResult> { closed };
        await marks.MarkAsync("closedto", cancellationToken);
        var cpuAfter = ProcessRoles.Sample(ProcessRoles.Find(hostPid, azuritePid));

        Step("orchestration timelines");
        var timelines = new List<OrchestrationTimeline>
        {
            await TimelineAsync(api, "no-op, sequential", noops, cancellationToken),
            await TimelineAsync(api, "sleep50, sequential", sleeps, cancellationToken),
            await TimelineAsync(api, $"no-op, closed loop of {options.ClosedLoop} (every 5th)", [.. closedExecutions.Where((_, i) => i % 5 == 0)], cancellationToken),
        };

        if (options.Long)
        {
            Step("closed loop 5000");
            await marks.MarkAsync("longfrom", cancellationToken);
            throughput.Add((await ThroughputBench.ClosedLoopAsync(api, serviceId, 5000, BenchOptions.Submitters, cancellationToken)).Result);
            await marks.MarkAsync("longto", cancellationToken);
            Step("open loop 20/s for 60 s");
            await marks.MarkAsync("openfrom", cancellationToken);
            throughput.Add(await ThroughputBench.OpenLoopAsync(api, serviceId, 20, 60, cancellationToken));
            await marks.MarkAsync("opento", cancellationToken);
        }

        Step("listing");
        var listing = await ListingBench.RunAsync(api, options.ListingWalks, cancellationToken);

        Step("triggers");
        var triggers = await TriggerBench.RunAsync(api, serviceId, options.TriggerEvents, options.CronSeconds, cancellationToken);

        Step("idle 10 s");
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        await marks.MarkAsync("idlefrom", cancellationToken);
        var idle = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
        await marks.MarkAsync("idleto", cancellationToken);
        var idleSeconds = idle.Elapsed.TotalSeconds;

        var endRoles = ProcessRoles.Find(hostPid, azuritePid);
        var end = ProcessRoles.Sample(endRoles);
        await AzuriteDebugLog.WaitForMarkAsync(debugLog, "benchmarkidleto", cancellationToken);
        var requests = AzuriteDebugLog.Requests(debugLog);
        var storage = StorageCounts.Between(requests, "closedfrom", "closedto", throughput[0].Seconds);
        throughput = [.. throughput.Select((t, i) => t with { StorageRequestsPerExecution = PerExecution(requests, ThroughputMarks[i], t) })];
        var idleCounts = StorageCounts.Between(requests, "idlefrom", "idleto", idleSeconds);
        var executions = options.ClosedLoop;
        var result = new BenchResult
        {
            Name = options.Name,
            StartedAt = startedAt,
            Machine = $"{Environment.ProcessorCount} cores, Azurite {(options.AzuriteInMemory ? "in memory" : "on disk")}",
            ColdStartMs = Math.Round(coldStartMs),
            NoopClient = noopClient,
            NoopServer = noopServer,
            SleepClient = sleepClient,
            SleepServer = sleepServer,
            WarmOverheadMs = Math.Round(sleepServer.P50 - 50, 1),
            Throughput = throughput,
            StorageRequestsPerExecution = Math.Round((double)storage.Total / executions, 2),
            StoragePerExecutionByService = storage.PerService(executions),
            StoragePerExecutionByOperation = storage.PerUnit(executions),
            IdleRequestsPerSecond = Math.Round(idleCounts.Total / idleCounts.Seconds, 2),
            IdleByOperation = idleCounts.ByOperation,
            Processes = end.Select(p => new ProcessUsage(
                p.Key,
                endRoles[p.Key].Count,
                Math.Round((cpuAfter[p.Key].CpuSeconds - cpuBefore[p.Key].CpuSeconds) * 100 / executions, 3),
                Math.Round(p.Value.RssMb))).ToList(),
            Listing = listing,
            Phases = [noopPhases, sleepPhases],
            Timelines = timelines,
            Triggers = triggers,
        };

        // Last, so the platform's own measurements ran on an Azurite nobody else loaded.
        Step($"Azurite capacity {options.CapacityDuration.TotalSeconds:0} s");
        var capacity = await StorageCapacityBench.RunAsync(connection, azuritePid, result, BenchOptions.Submitters, options.CapacityDuration, cancellationToken);

        // The host stops first so that the bare run's storage windows hold Durable Task's requests only, as the
        // platform's held the platform's; the capacity run has removed its own queue.
        Step("host stopped for the bare Durable Task run");
        await processes.StopAsync(hostPid);
        var bare = await BareDurableTaskBench.RunAsync(connection, azuritePid, debugLog, marks, durableTask, options, cancellationToken);
        result = result with { StorageCapacity = capacity, BareDurableTask = bare };
        return result with { VersusBareDurableTask = PlatformToBareDurableTask.Of(result) };
    }

    /// <summary>The marks around each throughput run, in the order they run.</summary>
    private static readonly (string From, string To)[] ThroughputMarks = [("closedfrom", "closedto"), ("longfrom", "longto"), ("openfrom", "opento")];

    private static double PerExecution(IReadOnlyList<StorageRequest> requests, (string From, string To) marks, ThroughputResult run) =>
        Math.Round((double)StorageCounts.Between(requests, marks.From, marks.To, run.Seconds).Total / run.Executions, 2);

    private static async Task<OrchestrationTimeline> TimelineAsync(FaasApi api, string label, IReadOnlyList<JsonObject> executions, CancellationToken cancellationToken)
    {
        var samples = new List<(JsonObject, JsonObject)>();
        foreach (var execution in executions)
        {
            samples.Add((execution, await api.GetOrchestrationAsync(execution["id"]!.GetValue<string>(), cancellationToken)));
        }

        return OrchestrationTimeline.Of(label, samples);
    }

    internal static void Step(string name) => Console.Error.WriteLine($"bench: {DateTime.UtcNow:HH:mm:ss} {name}");

    private static async Task WaitHealthyAsync(FaasApi api, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await api.GetAsync("/api/health", cancellationToken);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    /// <summary>Executes the no-op with wait until one succeeds: the first may be refused while the service starts.</summary>
    private static async Task FirstSuccessAsync(FaasApi api, string serviceId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            try
            {
                if (ExecutionTimes.Succeeded(await api.ExecuteAsync(serviceId, "noop", wait: true, cancellationToken)))
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No execution succeeded within 120 s of the deploy.");
            }
        }
    }
}
