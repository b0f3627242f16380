using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.EndToEnd;

[Collection("Azurite")]
public sealed class ServiceRunnerEndToEndTests(AzuriteFixture azurite) : PushedPackageTests(azurite)
{
    [Fact]
    public async Task Deploy_ValidService_BecomesActiveAndInitParamsReachInit()
    {
        var serviceId = await E2e.DeployAsync(new { name = "greeter", packageName = "e2e", initParams = new { greeting = "Bonjour" }, runtime = new { replicas = 2, runnerImage = "ghcr.io/acme/runner:1" } });

        var status = await E2e.WaitForStatusAsync(serviceId, "Active");
        var execution = await E2e.ExecuteAsync(serviceId, "greet", new { name = "Ada" }, wait: true);

        Assert.Equal(2, status.GetProperty("readyReplicas").GetInt32());
        Assert.Contains("ghcr.io/acme/runner:1", status.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.All(status.GetProperty("replicas").EnumerateArray(), r => Assert.Contains("python", r.GetProperty("runtime").GetString(), StringComparison.Ordinal));
        Assert.Equal("success", execution.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal("Bonjour Ada", execution.GetProperty("output").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Deploy_InitRaises_ErrorWithTraceback()
    {
        var serviceId = await E2e.DeployAsync(new { name = "broken-init", packageName = "e2e", initParams = new { greeting = "x" } });
        await PatchMainAsync("    def __init__(self, greeting):\n        self.greeting = greeting", "    def __init__(self, greeting):\n        raise ValueError(f'cannot greet with {greeting}')");
        await E2e.Client.PatchAsJsonAsync($"{E2e.Project}/services/{serviceId}", new { packageRevision = "latest" });

        var status = await E2e.WaitForStatusAsync(serviceId, "Error");

        var error = status.GetProperty("error");
        Assert.Equal("ValueError", error.GetProperty("type").GetString());
        Assert.Contains("cannot greet with x", error.GetProperty("traceback").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(status.GetProperty("errorReplicaId").GetString()));
    }

    [Fact]
    public async Task Stop_ActiveService_DrainsAndStopsItsProcesses()
    {
        var serviceId = await E2e.DeployAsync(new { name = "paused", packageName = "e2e", initParams = new { greeting = "hi" }, drainTime = 30 });
        var active = await E2e.WaitForStatusAsync(serviceId, "Active");
        var pid = active.GetProperty("replicas")[0].GetProperty("pid").GetInt32();
        var running = await E2e.ExecuteAsync(serviceId, "work", new { key = "drained", seconds = 1.5 });
        await Eventually.TrueAsync(async () => await StatusOfAsync(running) == "in-progress");

        await E2e.Client.PostAsync($"{E2e.Project}/services/{serviceId}/stop", null);

        var finished = await E2e.WaitForFinishAsync(running.GetProperty("id").GetString()!);
        Assert.Equal("success", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        await Eventually.TrueAsync(() => Task.FromResult(!IsAlive(pid)), because: "the runner process should exit after draining");
        await E2e.WaitForStatusAsync(serviceId, "Inactive");
        // The supervisor drops a replica's report once it has seen its process exit, which may follow the status.
        await Eventually.TrueAsync(async () => (await E2e.StatusAsync(serviceId)).GetProperty("replicas").GetArrayLength() == 0, because: "the stopped service should list no replica");
    }

    [Theory]
    [InlineData("failed", "failed")]
    [InlineData("rerun", "success")]
    public async Task Stop_WithoutDrainTime_OnResetDecidesTheInterruptedExecution(string onReset, string expected)
    {
        var serviceId = await E2e.DeployAsync(new { name = $"reset-{onReset}", packageName = "e2e", initParams = new { greeting = "hi" }, drainTime = 0, maxAttempts = 1, onReset });
        await E2e.WaitForStatusAsync(serviceId, "Active");
        var running = await E2e.ExecuteAsync(serviceId, "work", new { key = $"reset-{onReset}", seconds = 3 });
        await Eventually.TrueAsync(async () => await StatusOfAsync(running) == "in-progress");

        await E2e.Client.PostAsync($"{E2e.Project}/services/{serviceId}/stop", null);
        await E2e.WaitForStatusAsync(serviceId, "Inactive");
        await E2e.Client.PostAsync($"{E2e.Project}/services/{serviceId}/start", null);

        var finished = await E2e.WaitForFinishAsync(running.GetProperty("id").GetString()!);
        Assert.True(finished.GetProperty("latestStatus").GetProperty("status").GetString() == expected, finished.ToString());
        if (onReset == "failed")
        {
            Assert.Equal("ServiceReset", finished.GetProperty("latestStatus").GetProperty("error").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task KilledRunner_IsRestarted()
    {
        var serviceId = await E2e.DeployAsync(new { name = "restarted", packageName = "e2e", initParams = new { greeting = "hi" } });
        var pid = (await E2e.WaitForStatusAsync(serviceId, "Active")).GetProperty("replicas")[0].GetProperty("pid").GetInt32();

        Process.GetProcessById(pid).Kill(entireProcessTree: true);

        await Eventually.TrueAsync(
            async () =>
            {
                var status = await E2e.StatusAsync(serviceId);
                return status.GetProperty("status").GetString() == "Active" && status.GetProperty("replicas")[0].GetProperty("pid").GetInt32() != pid;
            },
            TimeSpan.FromSeconds(60),
            "a new runner process should replace the killed one");
        var execution = await E2e.ExecuteAsync(serviceId, "greet", new { name = "again" }, wait: true);
        Assert.Equal("success", execution.GetProperty("latestStatus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rollback_RunsTheOlderRevisionsCode()
    {
        var serviceId = await E2e.DeployAsync(new { name = "versions", packageName = "e2e", packageRevision = 1, initParams = new { greeting = "hi" } });
        await E2e.PushAsync(version: 2);
        await E2e.Client.PatchAsJsonAsync($"{E2e.Project}/services/{serviceId}", new { packageRevision = 2 });
        await WaitForVersionAsync(serviceId, 2);
        var onTwo = await E2e.ExecuteAsync(serviceId, "greet", new { name = "v" }, wait: true);

        await E2e.Client.PostAsJsonAsync($"{E2e.Project}/services/{serviceId}/rollback", new { version = 1 });
        await WaitForVersionAsync(serviceId, 3);
        var rolledBack = await E2e.ExecuteAsync(serviceId, "greet", new { name = "v" }, wait: true);

        Assert.Equal(2, onTwo.GetProperty("output").GetProperty("version").GetInt32());
        Assert.Equal(1, rolledBack.GetProperty("output").GetProperty("version").GetInt32());
        Assert.Equal(3, rolledBack.GetProperty("serviceVersion").GetInt32());
    }

    [Fact]
    public async Task Deploy_WithGpu_ErrorsOnTheLocalProvider()
    {
        var serviceId = await E2e.DeployAsync(new { name = "gpu", packageName = "e2e", initParams = new { greeting = "hi" }, runtime = new { gpu = true } });

        var status = await E2e.WaitForStatusAsync(serviceId, "Error");

        Assert.Equal("NoGpuAvailable", status.GetProperty("error").GetProperty("type").GetString());
    }

    private async Task WaitForVersionAsync(string serviceId, int version) =>
        await Eventually.TrueAsync(
            async () =>
            {
                var status = await E2e.StatusAsync(serviceId);
                return status.GetProperty("status").GetString() == "Active" && status.GetProperty("serviceVersion").GetInt32() == version;
            },
            TimeSpan.FromSeconds(60));

    private async Task PatchMainAsync(string find, string replace)
    {
        var main = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Package", "main.py")).Replace(find, replace, StringComparison.Ordinal);
        var schema = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Package", "faas.json"));
        using var response = await Infrastructure.Codebases.PushAsync(E2e.Client, E2e.Project.Split('/')[^1], schema, Infrastructure.Codebases.Zip(("main.py", main)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string?> StatusOfAsync(JsonElement execution) =>
        (await E2e.Client.GetFromJsonAsync<JsonElement>($"{E2e.Project}/executions/{execution.GetProperty("id").GetString()}")).GetProperty("latestStatus").GetProperty("status").GetString();

    private static bool IsAlive(int pid)
    {
        try
        {
            return !Process.GetProcessById(pid).HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
