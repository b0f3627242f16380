namespace Faas.Serverless.Bench;

/// <summary>Everything one run measured; serialized as bench/results/&lt;name&gt;.json.</summary>
internal sealed record BenchResult
{
    public required string Name { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Machine { get; init; }
    public required double ColdStartMs { get; init; }
    public required LatencySummary NoopClient { get; init; }
    public required LatencySummary NoopServer { get; init; }
    public required LatencySummary SleepClient { get; init; }
    public required LatencySummary SleepServer { get; init; }
    public required double WarmOverheadMs { get; init; }
    public required IReadOnlyList<ThroughputResult> Throughput { get; init; }
    public required double StorageRequestsPerExecution { get; init; }
    public required IReadOnlyDictionary<string, double> StoragePerExecutionByService { get; init; }
    public required IReadOnlyDictionary<string, double> StoragePerExecutionByOperation { get; init; }
    public required double IdleRequestsPerSecond { get; init; }
    public required IReadOnlyDictionary<string, int> IdleByOperation { get; init; }
    public required IReadOnlyList<ProcessUsage> Processes { get; init; }

    /// <summary>Absent from results written before the listing was measured.</summary>
    public ListingResult? Listing { get; init; }

    /// <summary>Absent from results written before the phases were split (as are the two below before they were measured).</summary>
    public IReadOnlyList<PhaseResult>? Phases { get; init; }

    /// <summary>Absent from results written before the timelines were read from the orchestrations' history.</summary>
    public IReadOnlyList<OrchestrationTimeline>? Timelines { get; init; }

    public TriggerResult? Triggers { get; init; }

    public StorageCapacityResult? StorageCapacity { get; init; }

    /// <summary>Absent from results written before the bare Durable Task run (issue 12), as are the ratios to it.</summary>
    public BareDurableTaskResult? BareDurableTask { get; init; }

    public PlatformToBareDurableTask? VersusBareDurableTask { get; init; }
}

/// <summary>Listing every execution of the project, <see cref="ListingBench.PageSize"/> a page: one page's and one whole walk's latency.</summary>
internal sealed record ListingResult(int Executions, int PagesPerWalk, LatencySummary Page, LatencySummary Walk);

/// <summary>A closed loop (fixed count, N submitters) or open loop (fixed rate) run of the no-op function.</summary>
/// <param name="StorageRequestsPerExecution">Counted between marks around the run; absent from older results.</param>
internal sealed record ThroughputResult(
    string Name,
    int Executions,
    int Failed,
    double Seconds,
    double ExecutionsPerSecond,
    LatencySummary ServerLatency,
    IReadOnlyList<int> CompletionsPerSecond,
    double? StorageRequestsPerExecution = null);

/// <summary>CPU seconds per 100 executions of the throughput runs, and resident memory at the end.</summary>
internal sealed record ProcessUsage(string Role, int Count, double CpuSecondsPer100Executions, double RssMb);
