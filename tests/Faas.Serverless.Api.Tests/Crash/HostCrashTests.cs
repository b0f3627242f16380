using System.Diagnostics;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>kill -9 of the host process while executions run, then a restart on the same port and storage.</summary>
[Collection("Azurite")]
public sealed class HostCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private const int Executions = 20;
    private readonly string _stateDir = Directory.CreateTempSubdirectory("faas-crash-").FullName;
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task KillHost_ExecutionsInFlight_AllFinishExactlyOnceAfterRestart()
    {
        var url = new Uri($"http://127.0.0.1:{AzuriteFixture.FreePort()}");
        var environment = HostEnvironment();
        using var anonymous = HostApi.Client(url, null);
        var first = StartHost("host-1", url, environment);
        await first.WaitUntilHealthyAsync(anonymous, TimeSpan.FromSeconds(60));
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, RunsDir);
        var serviceId = await api.DeployAsync(new
        {
            name = "crash",
            packageName = "e2e",
            initParams = new { greeting = "hi" },
            maxAttempts = 1,
            drainTime = 60,
            runtime = new { replicas = 2, concurrency = 4 },
        });
        await api.WaitForActiveAsync(serviceId, TimeSpan.FromSeconds(60));
        var keys = Enumerable.Range(0, Executions).Select(i => $"crash-{i:D2}").ToList();
        var ids = new List<string>();
        foreach (var (key, index) in keys.Select((key, index) => (key, index)))
        {
            ids.Add(await api.ExecuteAsync(serviceId, "work", new { key, seconds = 2.0 + (index % 4 * 0.5) }));
        }

        var inFlight = await WaitForInProgressAsync(api, atLeast: 6);
        var orphans = LocalProcesses.RunnersOf(first.Pid);
        var clock = Stopwatch.StartNew();
        first.Kill();
        var second = StartHost("host-2", url, environment);
        await second.WaitUntilHealthyAsync(anonymous, TimeSpan.FromSeconds(60));
        var restartedAfter = clock.Elapsed;
        var finished = await WaitForAllFinalAsync(api, ids, TimeSpan.FromSeconds(60));
        var allFinalAfter = clock.Elapsed;
        await Eventually.TrueAsync(() => Task.FromResult(LocalProcesses.RunnersOf(first.Pid).Count == 0), TimeSpan.FromSeconds(30), "the killed host's runners should exit once their calls are reported");
        var orphansGoneAfter = clock.Elapsed;
        Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));

        output.WriteLine($"{Executions} executions, {inFlight.Count} in progress at the kill, {orphans.Count} orphaned runners; host healthy again after {restartedAfter.TotalSeconds:0.0} s, all final after {allFinalAfter.TotalSeconds:0.0} s, orphans gone after {orphansGoneAfter.TotalSeconds:0.0} s");
        output.WriteLine("runs per key: " + string.Join(", ", keys.Select(key => $"{key}={Runs(key)}")));
        Assert.Equal(2, orphans.Count);
        Assert.All(finished, execution =>
        {
            var statuses = execution.GetProperty("statusLog").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
            Assert.Equal("success", execution.GetProperty("latestStatus").GetProperty("status").GetString());
            Assert.Equal(1, execution.GetProperty("attempts").GetInt32());
            Assert.Single(statuses, s => s == "created");
            Assert.Single(statuses, s => s == "success");
        });
        Assert.All(keys, key => Assert.Equal(1, Runs(key)));
        await Eventually.TrueAsync(() => Task.FromResult(LocalProcesses.WithArgumentContaining(_stateDir).Count == 0), TimeSpan.FromSeconds(20), "no runner or worker process should outlive the hosts");
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        LocalProcesses.Kill(LocalProcesses.WithArgumentContaining(_stateDir));
        Directory.Delete(_stateDir, recursive: true);
    }

    private static async Task<IReadOnlyList<string>> WaitForInProgressAsync(HostApi api, int atLeast)
    {
        IReadOnlyList<string> running = [];
        await Eventually.TrueAsync(async () => (running = await api.ListAsync("in-progress")).Count >= atLeast, TimeSpan.FromSeconds(30), $"{atLeast} executions should be in progress");
        return running;
    }

    /// <summary>Polls every execution until each is final; the host may still be starting, so failed calls are retried.</summary>
    private static async Task<List<JsonElement>> WaitForAllFinalAsync(HostApi api, List<string> ids, TimeSpan timeout)
    {
        var final = new Dictionary<string, JsonElement>();
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var id in ids.Where(id => !final.ContainsKey(id)))
                {
                    var execution = await api.GetExecutionAsync(id);
                    if (execution.GetProperty("latestStatus").GetProperty("status").GetString() is "success" or "failed" or "terminated" or "aborted" or "system-failure")
                    {
                        final[id] = execution;
                    }
                }

                return final.Count == ids.Count;
            },
            timeout,
            "every execution should reach a final status after the restart");
        return [.. ids.Select(id => final[id])];
    }

    private HostProcess StartHost(string name, Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var host = HostProcess.Start(name, url, environment, output);
        _hosts.Add(host);
        return host;
    }

    private Dictionary<string, string> HostEnvironment()
    {
        Directory.CreateDirectory(RunsDir);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(RunsDir, (UnixFileMode)0b111_111_111);
        }

        var prefix = "t" + AzuriteFixture.UniqueName("x")[..12];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Faas__Auth__AdminKey"] = FaasApiFactory.AdminKey,
            ["Faas__Storage__TablePrefix"] = prefix,
            ["Faas__Storage__CodebaseContainer"] = AzuriteFixture.UniqueName("code"),
            ["Faas__Queues__QueuePrefix"] = prefix,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = prefix,
            ["Faas__Queues__VisibilityTimeoutSeconds"] = "6",
            ["Faas__Queues__MaxPollingIntervalMs"] = "200",
            ["Faas__Runners__Provider"] = "Local",
            ["Faas__Runners__ReconcileIntervalMs"] = "300",
            ["Faas__Runners__MaxRestartBackoffSeconds"] = "1",
            ["Faas__Runners__WorkDir"] = Path.Combine(_stateDir, "runner"),
            ["Faas__Runners__Isolation__SharedPaths__0"] = RunsDir,
        };
    }

    /// <summary>Where the package counts its calls: shared with replicas (uids of their own), unlike the runners' folder beside it.</summary>
    private string RunsDir => Path.Combine(_stateDir, "runs");

    private int Runs(string key) => File.Exists(Path.Combine(RunsDir, key)) ? File.ReadAllLines(Path.Combine(RunsDir, key)).Length : 0;
}
