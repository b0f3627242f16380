namespace Faas.Serverless.Bench;

/// <summary>
/// The bare Durable Task run of the same invocation: DurableTask.Core's TaskHubWorker over DurableTask.AzureStorage on
/// the same Azurite with the platform's task hub settings, one orchestration with one in-process no-op activity,
/// measured as the platform is.
/// </summary>
internal sealed record BareDurableTaskResult
{
    public required string HubName { get; init; }

    /// <summary>The platform's <c>DurableTaskOptions</c> as bound from host.json <c>extensions.durableTask</c>, by host.json key.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>Azurite's queue reads scan every stored message, so what the platform's runs left behind weighs on this run too.</summary>
    public required int QueueMessagesAtStart { get; init; }

    /// <summary>Worker start (task hub created on first use) -> first orchestration's completion committed.</summary>
    public required double ColdStartMs { get; init; }

    /// <summary>Sequential: schedule -> the worker's commit of the final state, seen in-process.</summary>
    public required LatencySummary Client { get; init; }

    /// <summary>Sequential: the orchestration state's created -> completed time.</summary>
    public required LatencySummary Server { get; init; }

    public required IReadOnlyList<ThroughputResult> Throughput { get; init; }
    public required double StorageRequestsPerOrchestration { get; init; }
    public required IReadOnlyDictionary<string, double> StoragePerOrchestrationByService { get; init; }
    public required IReadOnlyDictionary<string, double> StoragePerOrchestrationByOperation { get; init; }
    public required double IdleRequestsPerSecond { get; init; }
    public required IReadOnlyDictionary<string, int> IdleByOperation { get; init; }

    /// <summary>CPU per 100 orchestrations of the first closed loop (Azurite, and the bench process holding worker and client); RSS at the end.</summary>
    public required IReadOnlyList<ProcessUsage> Processes { get; init; }
}

/// <summary>
/// The platform against the bare Durable Task run of the same result, matched by closed loop name: throughput and
/// storage requests as platform / bare (issue 12 asks for >= 1 and <= 1), latency as platform - bare.
/// </summary>
internal sealed record PlatformToBareDurableTask(
    string Loop,
    double ThroughputRatio,
    double StorageRequestsRatio,
    double ClientP50DifferenceMs,
    double ServerP50DifferenceMs,
    double IdleRequestsRatio)
{
    public static PlatformToBareDurableTask? Of(BenchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.BareDurableTask is not { } bare || result.Throughput.Count == 0)
        {
            return null;
        }

        var loop = result.Throughput[0];
        var bareLoop = bare.Throughput.FirstOrDefault(t => t.Name == loop.Name);
        return new PlatformToBareDurableTask(
            loop.Name,
            bareLoop is null ? double.NaN : ResultComparer.Ratio(bareLoop.ExecutionsPerSecond, loop.ExecutionsPerSecond),
            ResultComparer.Ratio(bare.StorageRequestsPerOrchestration, result.StorageRequestsPerExecution),
            Math.Round(result.NoopClient.P50 - bare.Client.P50, 1),
            Math.Round(result.NoopServer.P50 - bare.Server.P50, 1),
            ResultComparer.Ratio(bare.IdleRequestsPerSecond, result.IdleRequestsPerSecond));
    }
}
