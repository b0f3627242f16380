using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>What user code can see and do to its agent, with the built executable in its own process.</summary>
public sealed class AgentContainmentTests(ITestOutputHelper output)
{
    [RealSdkFact]
    public async Task Main_AgentKilledHardWhileACallRuns_WorkerDiesWithinTwoSecondsAndBodyNeverFinishes()
    {
        await using var host = await StartHostAsync(concurrency: 1);
        var marker = Path.Combine(Path.GetTempPath(), $"faas-body-finished-{Guid.NewGuid():N}");
        host.Enqueue("e1", "block", new JsonObject { ["seconds"] = 3, ["marker"] = marker });
        using var agent = AgentProcess.Start(host, WorkerKind.RealSdk);
        await Wait.UntilAsync(() => host.EventsOf("e1").Any(e => (string?)e["type"] == "progress"), "e1 reported its worker's pid", 30);
        var worker = int.Parse((string)host.EventsOf("e1").First(e => (string?)e["type"] == "progress")["message"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Processes.IsRunning(worker));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        agent.KillHard();
        await Wait.UntilAsync(() => !Processes.IsRunning(worker), $"worker {worker} is gone", 2);
        output.WriteLine($"agent killed to worker gone: {watch.ElapsedMilliseconds} ms");

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.False(File.Exists(marker), "the call's body finished after its agent was killed");
        Assert.Null(host.FinalEventOf("e1"));
    }

    [RealSdkFact]
    public async Task Main_PollutedAgentEnvironment_WorkerSeesExactlyTheAllowList()
    {
        await using var host = await StartHostAsync(concurrency: 1);
        host.Enqueue("e1", "environ", []);
        var home = Path.Combine(Path.GetTempPath(), $"faas-home-{Guid.NewGuid():N}");
        using var agent = AgentProcess.Start(host, WorkerKind.RealSdk, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=secret",
            ["Faas__Auth__AdminKey"] = "admin-key-that-must-not-leak",
            ["HOME"] = home,
            ["TMPDIR"] = Path.GetTempPath(),
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = null,
            ["TZ"] = "UTC",
            ["SOME_HOST_VARIABLE"] = "x",
        });

        await Wait.UntilAsync(() => host.FinalEventOf("e1") is not null, "e1 ended", 30);

        var names = host.FinalEventOf("e1")!["output"]!.AsArray().Select(n => (string)n!).ToList();
        string[] expected =
        [
            "FAAS_PROJECT_ID", "FAAS_REPLICA_ID", "FAAS_SERVICE_ID", "FAAS_SERVICE_NAME", "FAAS_SERVICE_VERSION", "FAAS_WORKER_SLOT",
            "HOME", "LANG", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONIOENCODING", "PYTHONNOUSERSITE", "PYTHONPATH", "PYTHONUNBUFFERED",
            "TMPDIR", "TZ",
        ];
        Assert.Equal(expected, names);
    }

    [RealSdkFact]
    public async Task Main_OutputOf50Mb_FailsOutputTooLargeWhileAgentStaysUnder300Mb()
    {
        await using var host = await StartHostAsync(concurrency: 1);
        host.Enqueue("e1", "big_output", new JsonObject { ["megabytes"] = 50 });
        host.Enqueue("e2", "echo", new JsonObject { ["payload"] = "next" });
        using var agent = AgentProcess.Start(host, WorkerKind.RealSdk);

        await Wait.UntilAsync(() => host.FinalEventOf("e2") is not null, "e2 ended", 60);

        var error = host.FinalEventOf("e1")!["error"]!;
        Assert.Equal("OutputTooLarge", (string?)error["type"]);
        Assert.Contains("52428802 bytes", (string?)error["message"], StringComparison.Ordinal);
        Assert.Contains("limit of 10485760 bytes", (string?)error["message"], StringComparison.Ordinal);
        AssertAgentRssBounded(agent);
    }

    [Fact]
    public async Task Main_WorkerWrites50MbLine_FailsCallAsProtocolErrorWhileAgentStaysUnder300Mb()
    {
        // The stand-in worker enforces no limit: it plays a worker that writes whatever it likes on the protocol stream.
        await using var host = await StartHostAsync(concurrency: 1);
        host.Enqueue("e1", "big_output", new JsonObject { ["megabytes"] = 50 });
        host.Enqueue("e2", "echo", new JsonObject { ["payload"] = "next" });
        using var agent = AgentProcess.Start(host, WorkerKind.StandIn);

        await Wait.UntilAsync(() => host.FinalEventOf("e2") is not null, "e2 ended", 60);

        var error = host.FinalEventOf("e1")!["error"]!;
        Assert.Equal("WorkerProtocolError", (string?)error["type"]);
        Assert.Contains("more than the 11534336 the agent reads", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("succeeded", (string?)host.FinalEventOf("e2")!["type"]);
        AssertAgentRssBounded(agent);
    }

    [RealSdkFact]
    public async Task Main_Print100MbWithLogLimit_LogsEndWithOneTruncationLine()
    {
        await using var host = await StartHostAsync(concurrency: 1, new JsonObject { ["maxLogBytes"] = 100_000 });
        host.Enqueue("e1", "big_print", new JsonObject { ["megabytes"] = 100 });
        using var agent = AgentProcess.Start(host, WorkerKind.RealSdk);

        await Wait.UntilAsync(() => host.FinalEventOf("e1") is not null, "e1 ended", 120);

        Assert.Equal("succeeded", (string?)host.FinalEventOf("e1")!["type"]);
        var logs = host.EventsOf("e1").Where(e => (string?)e["type"] == "log").Select(e => (string)e["message"]!).ToList();
        var kept = 100_000 / 99;
        Assert.Equal(kept + 1, logs.Count);
        Assert.All(logs[..^1], line => Assert.Equal(new string('y', 99), line));
        Assert.Equal($"[truncated: {(100 * 1024 * 1024 / 100) - kept} lines dropped]", logs[^1]);
        AssertAgentRssBounded(agent);
    }

    private void AssertAgentRssBounded(AgentProcess agent)
    {
        var peak = Processes.PeakRssMb(agent.Pid);
        output.WriteLine($"agent peak RSS: {peak:0} MiB");
        Assert.InRange(peak, 1, 300);
    }

    private async Task<FakeHost> StartHostAsync(int concurrency, JsonObject? limits = null)
    {
        var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency, limits: limits);
        return host;
    }
}
