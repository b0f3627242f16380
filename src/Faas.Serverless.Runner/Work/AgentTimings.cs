namespace Faas.Serverless.Runner.Work;

/// <summary>Intervals and bounds of the agent's loops; the defaults follow docs/runner-protocol.md, tests shorten them.</summary>
internal sealed record AgentTimings
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Long-poll wait sent with each lease request (the host caps it at 30).</summary>
    public int LeaseWaitSeconds { get; init; } = 20;

    /// <summary>Long-poll wait of each <c>work/watch</c> request for terminate requests (the host caps it at 30).</summary>
    public int WatchWaitSeconds { get; init; } = 25;

    /// <summary>After the held runs change, how long to gather more changes before watching the new set.</summary>
    public TimeSpan WatchRestartDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Start, log and progress events wait at most this long to be sent in one batch.</summary>
    public TimeSpan LogBatchDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public int MaxEventsPerPost { get; init; } = 200;

    /// <summary>
    /// Event posts out at once, each for other executions: the host answers a post once it applied its events
    /// (a Durable Task round trip or more), so one post at a time would make every execution wait for the slowest.
    /// </summary>
    public int MaxPostsInFlight { get; init; } = 4;

    /// <summary>Events are batched up to about this many bytes; a larger one (a big output) is posted on its own.</summary>
    public long MaxBytesPerPost { get; init; } = 1024 * 1024;

    /// <summary>Beyond this many unsent events, new log events are dropped (a host outage must not exhaust memory).</summary>
    public int MaxPendingEvents { get; init; } = 20_000;

    public int MaxLogMessageChars { get; init; } = 32 * 1024;

    /// <summary>
    /// After the host asks to terminate a call, how long before the agent reports it failed itself: a backstop, since
    /// the call's worker is killed after <see cref="WorkerKillGrace"/> and that is reported at once.
    /// </summary>
    public TimeSpan TerminateGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may take to stop on a terminate (timeout, terminate request, lost lease) before its worker is killed.</summary>
    public TimeSpan WorkerKillGrace { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause before starting a worker again after it failed to start; doubled after each failure in a row.</summary>
    public TimeSpan WorkerRespawnBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Pause after a failed lease request (after its own retries) before polling again.</summary>
    public TimeSpan LeaseErrorDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the final events may take to reach the host when stopping.</summary>
    public TimeSpan ShutdownFlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>drainSeconds</c> sent with the worker's <c>shutdown</c> (calls were already drained or released).</summary>
    public int WorkerShutdownSeconds { get; init; } = 5;

    public int MaxLeasesPerRenew { get; init; } = 100;

    /// <summary>How often <c>--parent-pid</c> is checked; well under the time a killed host takes to restart.</summary>
    public TimeSpan ParentPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The host accepts maxItems of 1-32 per lease request.</summary>
    public int MaxItemsPerLease { get; init; } = 32;
}
