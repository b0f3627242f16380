using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>
/// Component scenarios of the agent against the fake host, shared by the stand-in worker and the real SDK test classes.
/// </summary>
public static class AgentScenarios
{
    public static async Task HappyPathAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind);
        agent.Host.Enqueue("e1", "echo", new JsonObject { ["payload"] = new JsonObject { ["x"] = 1 } });
        agent.Start();

        await agent.WaitForEventAsync("e1", "succeeded");
        var events = agent.Host.EventsOf("e1");
        Assert.Equal("started", (string?)events[0]["type"]);
        Assert.Equal("succeeded", (string?)events[^1]["type"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["echo"] = new JsonObject { ["x"] = 1 } }, events[^1]["output"]));
        var logs = events.Where(e => (string?)e["type"] == "log").Select(e => (string?)e["message"]).ToList();
        Assert.Equal(["echo {'x': 1}", "second line"], logs);
        Assert.All(events, e => Assert.Equal(1, (int)e["attempt"]!));
        Assert.Equal(events.Count, events.Select(e => (string?)e["eventId"]).Distinct().Count());
        // In the order the agent created them: the host orders log lines of one millisecond by them.
        var ids = events.Select(e => (string)e["eventId"]!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(0, agent.Host.StaleLeaseEvents);

        Assert.Equal(0, await agent.StopAsync());
        Assert.Equal(["Starting", "Initializing", "Ready", "Draining", "Stopped"], agent.Host.ReplicaStates());
        var last = agent.Host.LastReplicaReport()!;
        Assert.Equal(3, (int)last["serviceVersion"]!);
        Assert.StartsWith("python 3.", (string?)last["runtime"], StringComparison.Ordinal);
        Assert.Equal(1, agent.Host.CodebaseDownloads);
    }

    public static async Task ProgressAndLogsAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind);
        agent.Host.Enqueue("e1", "report", []);
        agent.Start();

        await agent.WaitForEventAsync("e1", "succeeded");
        var events = agent.Host.EventsOf("e1");
        Assert.Equal(["started", "progress", "log", "succeeded"], events.Select(e => (string?)e["type"]));
        Assert.Equal("inProgress", (string?)events[1]["status"]);
        Assert.Equal(50, (double)events[1]["percentComplete"]!);
        Assert.Equal("halfway", (string?)events[1]["message"]);
        Assert.Equal("stdout", (string?)events[2]["stream"]);
        Assert.Equal("done", (string?)events[3]["output"]);
    }

    public static async Task InitFailureAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, initParams: new JsonObject { ["fail_init"] = true });
        agent.Start();

        Assert.Equal(3, await agent.WaitForExitAsync());
        Assert.Equal("Error", agent.Host.ReplicaStates()[^1]);
        var error = agent.Host.LastReplicaReport()!["error"]!;
        Assert.Equal("ValueError", (string?)error["type"]);
        Assert.Contains("init failed on purpose", (string?)error["message"], StringComparison.Ordinal);
        Assert.DoesNotContain("Ready", agent.Host.ReplicaStates());
    }

    public static async Task ConcurrencyLimitAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 2);
        var ids = Enumerable.Range(1, 6).Select(i => $"e{i}").ToList();
        foreach (var id in ids)
        {
            agent.Host.Enqueue(id, "sleep", new JsonObject { ["seconds"] = 0.3 });
        }

        agent.Start();

        await Wait.UntilAsync(() => ids.All(id => (string?)agent.Host.FinalEventOf(id)?["type"] == "succeeded"), "all six calls succeeded");
        Assert.InRange(agent.Host.MaxHeld, 1, 2);
        Assert.All(agent.Host.LeaseMaxItems(), max => Assert.InRange(max, 1, 2));
    }

    public static async Task TerminateOnRenewAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, leaseSeconds: 3);
        agent.Host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 30 });
        agent.Start();
        await agent.WaitForEventAsync("e1", "started");

        agent.Host.TerminateRequested.Add("e1");

        await agent.WaitForEventAsync("e1", "failed");
        var failed = agent.Host.FinalEventOf("e1")!;
        Assert.True((bool)failed["terminated"]!);
        Assert.Equal(0, agent.Host.StaleLeaseEvents);
        Assert.NotEmpty(agent.Host.RenewBatchSizes());
    }

    public static async Task LostLeaseAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 1, leaseSeconds: 3);
        agent.Host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 30 });
        agent.Start();
        await agent.WaitForEventAsync("e1", "started");

        agent.Host.LoseOnRenew.Add("e1");
        await Wait.UntilAsync(() => agent.Host.Held == 0, "the lease of e1 was lost");
        agent.Host.Enqueue("e2", "echo", new JsonObject { ["payload"] = "after" });

        // The lost call is terminated, its slot freed (e2 runs on the only slot), and nothing more is sent for it.
        await agent.WaitForEventAsync("e2", "succeeded");
        Assert.Null(agent.Host.FinalEventOf("e1"));
    }

    public static async Task TimeoutAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 1);
        agent.Host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 30 }, timeoutSeconds: 1);
        agent.Host.Enqueue("e2", "echo", new JsonObject { ["payload"] = "next" });
        agent.Start();

        await agent.WaitForEventAsync("e1", "failed");
        var failed = agent.Host.FinalEventOf("e1")!;
        Assert.Equal("TimeoutError", (string?)failed["error"]!["type"]);
        Assert.False((bool)failed["terminated"]!);
        await agent.WaitForEventAsync("e2", "succeeded");
        Assert.Single(agent.Host.EventsOf("e1"), e => (string?)e["type"] is "succeeded" or "failed" or "released");
    }

    public static async Task DrainOnStopAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 2, drainTime: 1);
        agent.Host.Enqueue("long", "sleep", new JsonObject { ["seconds"] = 30 });
        agent.Host.Enqueue("short", "sleep", new JsonObject { ["seconds"] = 0.5 });
        agent.Start();
        await agent.WaitForEventAsync("long", "started");
        await agent.WaitForEventAsync("short", "started");

        Assert.Equal(0, await agent.StopAsync());

        Assert.Equal("succeeded", (string?)agent.Host.FinalEventOf("short")!["type"]);
        Assert.Equal("released", (string?)agent.Host.EventsOf("long")[^1]["type"]);
        Assert.Equal(["Starting", "Initializing", "Ready", "Draining", "Stopped"], agent.Host.ReplicaStates());
        Assert.Equal(0, agent.Host.Held);
    }

    public static async Task WorkerCrashAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 1);
        agent.Host.Enqueue("e1", "crash", []);
        agent.Host.Enqueue("e2", "kill_self", []);
        agent.Host.Enqueue("e3", "echo", new JsonObject { ["payload"] = "after" });
        agent.Start();

        await agent.WaitForEventAsync("e1", "failed");
        var crashed = agent.Host.FinalEventOf("e1")!;
        Assert.Equal("WorkerCrashed", (string?)crashed["error"]!["type"]);
        Assert.Contains("exited with code 17", (string?)crashed["error"]!["message"], StringComparison.Ordinal);
        Assert.Contains("about to crash", (string?)crashed["error"]!["traceback"], StringComparison.Ordinal);
        Assert.False((bool)crashed["terminated"]!);
        var detection = Timestamp(crashed) - Timestamp(agent.Host.EventsOf("e1")[0]);
        output.WriteLine($"crash detection: {detection.TotalMilliseconds:0} ms from started to failed");
        Assert.InRange(detection, TimeSpan.Zero, TimeSpan.FromSeconds(2));

        await agent.WaitForEventAsync("e2", "failed");
        Assert.Contains("killed by signal 9", (string?)agent.Host.FinalEventOf("e2")!["error"]!["message"], StringComparison.Ordinal);

        // The slot's worker was started again: the next call runs, and the replica never left Ready.
        await agent.WaitForEventAsync("e3", "succeeded");
        Assert.Equal(["Starting", "Initializing", "Ready"], agent.Host.ReplicaStates());
    }

    public static async Task TimeoutBlockedInCAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 1);
        agent.Host.Enqueue("e1", "block", new JsonObject { ["seconds"] = 30 }, timeoutSeconds: 1);
        agent.Host.Enqueue("e1", "block", new JsonObject { ["seconds"] = 0.2 }, attempt: 2);
        agent.Start();

        await Wait.UntilAsync(() => AttemptEvents(agent, "e1", 2).Any(e => (string?)e["type"] is "succeeded" or "failed"), "attempt 2 of e1 ended");

        var first = AttemptEvents(agent, "e1", 1);
        var timedOut = first.Single(e => (string?)e["type"] == "failed");
        Assert.Equal("TimeoutError", (string?)timedOut["error"]!["type"]);
        var second = AttemptEvents(agent, "e1", 2);
        Assert.Equal("succeeded", (string?)second[^1]["type"]);
        Assert.Equal("woke", (string?)second[^1]["output"]);
        var retry = Timestamp(second[0]) - Timestamp(timedOut);
        output.WriteLine($"timeout to retry started: {retry.TotalMilliseconds:0} ms");
        Assert.InRange(retry, TimeSpan.Zero, TimeSpan.FromSeconds(4));
        await AssertGoneAsync(ReportedPid(first));
    }

    public static async Task TimeoutKillsWhatTheCallStartedAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 1);
        agent.Host.Enqueue("e1", "detach_child", [], timeoutSeconds: 1);
        agent.Start();

        await agent.WaitForEventAsync("e1", "progress");
        var daemon = ReportedPid(agent.Host.EventsOf("e1"));
        Assert.True(Processes.IsRunning(daemon));
        await agent.WaitForEventAsync("e1", "failed");

        await AssertGoneAsync(daemon);
    }

    public static async Task TerminateBlockedInCAsync(ITestOutputHelper output, WorkerKind kind)
    {
        await using var agent = await AgentHarness.CreateAsync(output, kind, leaseSeconds: 3);
        agent.Host.Enqueue("e1", "block", new JsonObject { ["seconds"] = 30 });
        agent.Start();
        await agent.WaitForEventAsync("e1", "progress");
        var pid = ReportedPid(agent.Host.EventsOf("e1"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        agent.Host.TerminateRequested.Add("e1");
        await agent.WaitForEventAsync("e1", "failed");
        output.WriteLine($"terminate flag set to failed received: {watch.ElapsedMilliseconds} ms (includes up to 1 s until the next renewal)");

        var failed = agent.Host.FinalEventOf("e1")!;
        Assert.True((bool)failed["terminated"]!);
        Assert.Equal("ExecutionTerminated", (string?)failed["error"]!["type"]);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3.5));
        await AssertGoneAsync(pid);
    }

    public static async Task RespawnInitFailsAsync(ITestOutputHelper output, WorkerKind kind)
    {
        var marker = Path.Combine(Path.GetTempPath(), $"faas-fail-init-{Guid.NewGuid():N}");
        await using var agent = await AgentHarness.CreateAsync(output, kind, concurrency: 1, initParams: new JsonObject { ["fail_if_exists"] = marker });
        agent.Start();
        await agent.WaitForStateAsync("Ready");
        await File.WriteAllTextAsync(marker, "from now on init fails");
        try
        {
            agent.Host.Enqueue("e1", "crash", []);

            Assert.Equal(3, await agent.WaitForExitAsync(30));
            Assert.Equal("WorkerCrashed", (string?)agent.Host.FinalEventOf("e1")!["error"]!["type"]);
            Assert.Equal("Error", agent.Host.ReplicaStates()[^1]);
            Assert.Contains("init failed on purpose", (string?)agent.Host.LastReplicaReport()!["error"]!["message"], StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(marker);
        }
    }

    private static List<JsonObject> AttemptEvents(AgentHarness agent, string executionId, int attempt) =>
        [.. agent.Host.EventsOf(executionId).Where(e => (int)e["attempt"]! == attempt)];

    private static DateTimeOffset Timestamp(JsonObject e) => DateTimeOffset.Parse((string)e["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pid a call reported as its first progress message (<c>block</c>: its worker; <c>detach_child</c>: the daemon).</summary>
    private static int ReportedPid(IEnumerable<JsonObject> events) =>
        int.Parse((string)events.First(e => (string?)e["type"] == "progress")["message"]!, System.Globalization.CultureInfo.InvariantCulture);

    private static Task AssertGoneAsync(int pid) =>
        Wait.UntilAsync(() => !Processes.IsRunning(pid), $"worker {pid} is gone", 2);
}
