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
        var workDir = Path.Combine(Path.GetTempPath(), "faas-runner-tests", Guid.NewGuid().ToString("N"));
        string[] args = ["--host", host.Url, "--project", host.ProjectId, "--service", host.ServiceId, "--replica", "r1", "--work-dir", workDir, "--sdk", TestPaths.StandInSdk];
        using var process = Start(args, new Dictionary<string, string?> { ["FAAS_RUNNER_TOKEN"] = FakeHost.Token });
        var logs = process.StandardOutput.ReadToEndAsync();
        try
        {
            await Wait.UntilAsync(() => host.EventsOf("e1").Count > 0, "e1 started", 30);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            output.WriteLine(await logs);

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("released", (string?)host.FinalEventOf("e1")!["type"]);
            Assert.Equal(["Starting", "Initializing", "Ready", "Draining", "Stopped"], host.ReplicaStates());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            if (Directory.Exists(workDir))
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Main_ParentKilledWhileIdle_ReportsStoppedAndExitsZero()
    {
        await using var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency: 1);
        using var parent = new StandInParent();
        var workDir = Path.Combine(Path.GetTempPath(), "faas-runner-tests", Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--host", host.Url, "--project", host.ProjectId, "--service", host.ServiceId, "--replica", "r1", "--work-dir", workDir,
            "--sdk", TestPaths.StandInSdk, "--parent-pid", parent.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        using var process = Start(args, new Dictionary<string, string?> { ["FAAS_RUNNER_TOKEN"] = FakeHost.Token });
        var logs = process.StandardOutput.ReadToEndAsync();
        try
        {
            await Wait.UntilAsync(() => host.ReplicaStates().Contains("Ready"), "the agent is ready", 30);

            parent.Kill();

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            output.WriteLine(await logs);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(["Starting", "Initializing", "Ready", "Stopped"], host.ReplicaStates());
            Assert.Contains("parent process", (string?)host.LastReplicaReport()!["message"], StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            if (Directory.Exists(workDir))
            {
                Directory.Delete(workDir, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Main_ExitWhenIdle_ServesTheQueuedCallThenDrainsAndExitsZero()
    {
        await using var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency: 1);
        host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 0.2 });
        var workDir = Path.Combine(Path.GetTempPath(), "faas-runner-tests", Guid.NewGuid().ToString("N"));
        string[] args =
        [
            "--host", host.Url, "--project", host.ProjectId, "--service", host.ServiceId, "--replica", "r1", "--work-dir", workDir,
            "--sdk", TestPaths.StandInSdk, "--exit-when-idle", "2",
        ];
        using var process = Start(args, new Dictionary<string, string?> { ["FAAS_RUNNER_TOKEN"] = FakeHost.Token });
        var logs = process.StandardOutput.ReadToEndAsync();
        try
        {
            await Wait.UntilAsync(() => host.FinalEventOf("e1") is not null, "e1 finished", 30);
            var finishedAt = Stopwatch.StartNew();

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            output.WriteLine(await logs);
            Assert.Equal(0, process.ExitCode);
            Assert.True(finishedAt.Elapsed >= TimeSpan.FromSeconds(1.5), $"exited {finishedAt.Elapsed.TotalSeconds:0.0} s after its last call, before being idle for 2 s");
            Assert.Equal("succeeded", (string?)host.FinalEventOf("e1")!["type"]);
            Assert.Equal(["Starting", "Initializing", "Ready", "Draining", "Stopped"], host.ReplicaStates());
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            if (Directory.Exists(workDir))
            {
                Directory.Delete(workDir, recursive: true);
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
