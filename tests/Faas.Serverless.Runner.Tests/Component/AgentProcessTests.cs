using System.Diagnostics;
using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>The built executable as the supervisor runs it: a real process, real SIGTERM, real exit codes.</summary>
public sealed class AgentProcessTests(ITestOutputHelper output)
{
    private static readonly string AgentDll = TestPaths.AgentDll;

    [Fact]
    public async Task Main_NoArguments_PrintsProblemsAndExitsTwo()
    {
        using var process = Start([], new Dictionary<string, string?> { ["FAAS_RUNNER_TOKEN"] = null });

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Missing required option --host", stderr, StringComparison.Ordinal);
        Assert.Contains("FAAS_RUNNER_TOKEN is not set", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_SigtermWhileRunningACall_DrainsReleasesAndExitsZero()
    {
        await using var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency: 1, drainTime: 1);
        host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 30 });
        using var agent = new AgentRun(host);
        await Wait.UntilAsync(() => host.EventsOf("e1").Count > 0, "e1 started", 30);

        using (var kill = Process.Start("kill", ["-TERM", agent.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.Equal(0, await agent.WaitForExitAsync(output));
        Assert.Equal("released", (string?)host.FinalEventOf("e1")!["type"]);
        Assert.Equal(["Starting", "Initializing", "Ready", "Draining", "Stopped"], host.ReplicaStates());
    }

    [Fact]
    public async Task Main_ParentKilledWhileIdle_ReportsStoppedAndExitsZero()
    {
        await using var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency: 1);
        using var parent = new StandInParent();
        using var agent = new AgentRun(host, "--parent-pid", parent.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Wait.UntilAsync(() => host.ReplicaStates().Contains("Ready"), "the agent is ready", 30);

        parent.Kill();

        Assert.Equal(0, await agent.WaitForExitAsync(output));
        Assert.Equal(["Starting", "Initializing", "Ready", "Stopped"], host.ReplicaStates());
        Assert.Contains("parent process", (string?)host.LastReplicaReport()!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_ExitWhenIdle_ServesTheQueuedCallThenDrainsAndExitsZero()
    {
        await using var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency: 1);
        host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 0.2 });
        using var agent = new AgentRun(host, "--exit-when-idle", "2");
        await Wait.UntilAsync(() => host.FinalEventOf("e1") is not null, "e1 finished", 30);
        var finishedAt = Stopwatch.StartNew();

        Assert.Equal(0, await agent.WaitForExitAsync(output));
        Assert.True(finishedAt.Elapsed >= TimeSpan.FromSeconds(1.5), $"exited {finishedAt.Elapsed.TotalSeconds:0.0} s after its last call, before being idle for 2 s");
        Assert.Equal("succeeded", (string?)host.FinalEventOf("e1")!["type"]);
        Assert.Equal(["Starting", "Initializing", "Ready", "Draining", "Stopped"], host.ReplicaStates());
    }

    /// <summary>The agent started against the fake host in a work dir of its own; disposing kills what still runs and removes the dir.</summary>
    private sealed class AgentRun : IDisposable
    {
        private readonly string _workDir = Path.Combine(Path.GetTempPath(), "faas-runner-tests", Guid.NewGuid().ToString("N"));

        public AgentRun(FakeHost host, params string[] extraArgs)
        {
            string[] args = ["--host", host.Url, "--project", host.ProjectId, "--service", host.ServiceId, "--replica", "r1", "--work-dir", _workDir, "--sdk", TestPaths.StandInSdk, .. extraArgs];
            Process = Start(args, new Dictionary<string, string?> { ["FAAS_RUNNER_TOKEN"] = FakeHost.Token });
            Logs = Process.StandardOutput.ReadToEndAsync();
        }

        public Process Process { get; }

        private Task<string> Logs { get; }

        public async Task<int> WaitForExitAsync(ITestOutputHelper output)
        {
            await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            output.WriteLine(await Logs);
            return Process.ExitCode;
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
            if (Directory.Exists(_workDir))
            {
                Directory.Delete(_workDir, recursive: true);
            }
        }
    }

    private static Process Start(IEnumerable<string> args, Dictionary<string, string?> env)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(AgentDll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        return Process.Start(psi)!;
    }
}
