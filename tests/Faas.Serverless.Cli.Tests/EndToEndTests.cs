using System.Text.Json;
using Faas.Serverless.Cli.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Cli.Tests;

/// <summary>A new user's path with nothing but <c>faas</c> commands, against the real host running real Python.</summary>
[Collection("Azurite")]
public sealed class EndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private CliRunner _cli = null!;

    public Task InitializeAsync()
    {
        _host = new HostFactory(azurite, runReplicas: true);
        _cli = new CliRunner(_host);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task QuickStart_LoginPushDeployRunWait_HelloWorldSucceedsAndIsListed()
    {
        await _cli.LoginWithProjectAsync();

        var pushed = CliRunner.Ok(await _cli.RunAsync("packages", "push", Repository.Path("samples", "hello-world")));
        Assert.Contains("Pushed hello-world revision 1", pushed.Console, StringComparison.Ordinal);
        var deployed = CliRunner.Ok(await _cli.RunAsync("services", "deploy", "hello", "--package", "hello-world", "-o", "json"));
        Assert.Equal(1, CliRunner.Json(deployed).GetProperty("packageRevision").GetInt32());
        await WaitForActiveAsync("hello");

        var run = await _cli.RunAsync("run", "hello", "run", "--input", "name=Ada", "--wait");

        Assert.True(run.ExitCode == 0, run.Error + run.All);
        Assert.Contains("success", run.Console, StringComparison.Ordinal);
        Assert.Equal("Hello Ada", JsonDocument.Parse(run.Out).RootElement.GetProperty("greeting").GetString());
        var listed = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("executions", "list", "--service", "hello", "--output", "json")));
        var execution = Assert.Single(listed.EnumerateArray());
        Assert.Equal("success", execution.GetProperty("status").GetString());
        Assert.Equal("run", execution.GetProperty("functionName").GetString());
        var id = execution.GetProperty("id").GetString()!;
        CliRunner.Ok(await _cli.RunAsync("executions", "logs", id, "--follow"));
        CliRunner.Ok(await _cli.RunAsync("services", "logs", "hello"));
        var read = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("executions", "get", id, "-o", "json")));
        Assert.Equal(["created", "in-progress", "success"], read.GetProperty("statusLog").EnumerateArray().Select(s => s.GetProperty("status").GetString()).Distinct());
    }

    [Fact]
    public async Task RunWait_ProgressAndPrints_ShowsTheProgressTimelineAndTheLogLines()
    {
        await _cli.LoginWithProjectAsync();
        CliRunner.Ok(await _cli.RunAsync("packages", "push", WorkPackage()));
        CliRunner.Ok(await _cli.RunAsync("services", "deploy", "work", "--package", "work", "--max-attempts", "1"));
        await WaitForActiveAsync("work");

        var run = CliRunner.Ok(await _cli.RunAsync("run", "work", "work", "--input", "steps=3", "--wait"));

        Assert.Contains("step 2 of 3", run.Console, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(run.Out).RootElement.GetProperty("done").GetInt32());
        var id = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("executions", "list", "-o", "json")))[0].GetProperty("id").GetString()!;
        var logs = CliRunner.Ok(await _cli.RunAsync("executions", "logs", id));
        Assert.Equal(["working on 0", "working on 1", "working on 2"], logs.Out.Split('\n').Where(l => l.Contains("working on", StringComparison.Ordinal)).Select(l => l[l.IndexOf("working", StringComparison.Ordinal)..].Trim()));
    }

    [Fact]
    public async Task RunWait_FunctionRaises_ExitsNonZeroWithTheErrorOnOneLine()
    {
        await _cli.LoginWithProjectAsync();
        CliRunner.Ok(await _cli.RunAsync("packages", "push", WorkPackage()));
        CliRunner.Ok(await _cli.RunAsync("services", "deploy", "work", "--package", "work", "--max-attempts", "1"));
        await WaitForActiveAsync("work");

        var run = await _cli.RunAsync("run", "work", "fail", "--wait");

        Assert.Equal(1, run.ExitCode);
        var reason = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: execution ", reason, StringComparison.Ordinal);
        Assert.Contains("ended failed: ValueError: no luck today", reason, StringComparison.Ordinal);
    }

    /// <summary>A package folder whose <c>work</c> prints and reports progress per step and whose <c>fail</c> raises.</summary>
    private static string WorkPackage()
    {
        var folder = Directory.CreateTempSubdirectory("faas-cli-work-").FullName;
        File.WriteAllText(Path.Combine(folder, "faas.json"), """
            {"name": "work", "modules": [{"functions": [
              {"name": "work", "input": [{"name": "steps", "type": "Integer"}]},
              {"name": "fail"}]}]}
            """);
        File.WriteAllText(Path.Combine(folder, "main.py"), """
            import time

            import faas


            class ServiceRunner(faas.BaseServiceRunner):
                def work(self, steps: int, progress: faas.Progress):
                    for step in range(steps):
                        print(f"working on {step}", flush=True)
                        progress.update(status="inProgress", progress=int(100 * (step + 1) / steps), message=f"step {step} of {steps}")
                        time.sleep(0.4)
                    return {"done": steps}

                def fail(self):
                    raise ValueError("no luck today")
            """);
        return folder;
    }

    private async Task WaitForActiveAsync(string service)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var status = CliRunner.Json(CliRunner.Ok(await _cli.RunAsync("services", "status", service, "-o", "json")));
            if (status.GetProperty("status").GetString() == "Active")
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Service {service} is still {status}");
            await Task.Delay(300);
        }
    }
}
