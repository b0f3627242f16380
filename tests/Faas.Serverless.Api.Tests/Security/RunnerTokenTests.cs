using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Security;

/// <summary>Issue 9: a host killed with kill -9 never revoked the bot keys of the runners it started.</summary>
[Collection("Azurite")]
public sealed class RunnerTokenTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("faas-tokens-").FullName;
    private readonly List<HostProcess> _hosts = [];

    [Fact]
    public async Task RunnerKey_ReplicaStopped_Revoked()
    {
        await using var factory = new EndToEndFactory(azurite);
        var attacker = await Attacker.CreateAsync(factory);
        var serviceId = await attacker.DeployAsync("tokens", "tokens");
        using var admin = factory.Api.CreateAdminClient();
        var botId = await BotOfAsync(attacker.Client, attacker.Project, serviceId);
        var whileRunning = await RunnerKeysAsync(admin, botId);

        await attacker.Client.PostAsync($"{attacker.Project}/services/{serviceId}/stop", null);

        Assert.Single(whileRunning);
        await Eventually.TrueAsync(async () => (await RunnerKeysAsync(admin, botId)).Count == 0, TimeSpan.FromSeconds(60), "the stopped replica's key should be revoked");
    }

    [Fact]
    public async Task RunnerKey_HostKilledAndItsRunnerGone_RevokedByTheNextHost()
    {
        var url = new Uri($"http://127.0.0.1:{AzuriteFixture.FreePort()}");
        var environment = HostEnvironment();
        using var anonymous = HostApi.Client(url, null);
        using var admin = HostApi.Client(url, FaasApiFactory.AdminKey);
        var first = StartHost("host-1", url, environment);
        await first.WaitUntilHealthyAsync(anonymous, TimeSpan.FromSeconds(60));
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, _stateDir);
        var serviceId = await api.DeployAsync(new { name = "tokens", packageName = "e2e", initParams = new { greeting = "hi" } });
        await api.WaitForActiveAsync(serviceId, TimeSpan.FromSeconds(60));
        var botId = await BotOfAsync(admin, api.Project, serviceId);
        var before = await RunnerKeysAsync(admin, botId);

        first.Kill();
        var orphans = LocalProcesses.RunnersOf(first.Pid);
        await Eventually.TrueAsync(() => Task.FromResult(LocalProcesses.RunnersOf(first.Pid).Count == 0), TimeSpan.FromSeconds(30), "an idle orphan should exit once its host is gone");
        var second = StartHost("host-2", url, environment);
        await second.WaitUntilHealthyAsync(anonymous, TimeSpan.FromSeconds(60));
        await api.WaitForActiveAsync(serviceId, TimeSpan.FromSeconds(60));
        var after = await RunnerKeysAsync(admin, botId);
        Assert.Equal(0, await second.StopAsync(TimeSpan.FromSeconds(60)));
        var afterStop = await KeysAfterStopAsync(url, environment, botId);

        output.WriteLine($"runner keys: {before.Count} before the kill ({orphans.Count} orphaned runner(s)), {after.Count} with the next host's replica, {afterStop} after it stopped");
        Assert.Single(before);
        Assert.DoesNotContain(before[0], after);
        Assert.Single(after);
        Assert.Equal(0, afterStop);
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

    private static async Task<string> BotOfAsync(HttpClient client, string project, string serviceId) =>
        (await client.GetFromJsonAsync<JsonElement>($"{project}/services/{serviceId}")).GetProperty("bot").GetString()!;

    /// <summary>The ids of the bot's runner keys (named "runner {replicaId}" when issued to a replica process).</summary>
    private static async Task<List<string>> RunnerKeysAsync(HttpClient admin, string botId) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{botId}/api-keys")).GetProperty("items").EnumerateArray()
            .Where(key => key.GetProperty("name").GetString()!.StartsWith("runner ", StringComparison.Ordinal))
            .Select(key => key.GetProperty("id").GetString()!)];

    /// <summary>Starts a host on the same storage just long enough to list keys: the stopped host left none behind.</summary>
    private async Task<int> KeysAfterStopAsync(Uri url, Dictionary<string, string> environment, string botId)
    {
        var third = StartHost("host-3", url, new Dictionary<string, string>(environment) { ["Faas__Runners__Provider"] = "External" });
        using var anonymous = HostApi.Client(url, null);
        using var admin = HostApi.Client(url, FaasApiFactory.AdminKey);
        await third.WaitUntilHealthyAsync(anonymous, TimeSpan.FromSeconds(60));
        var count = (await RunnerKeysAsync(admin, botId)).Count;
        await third.StopAsync(TimeSpan.FromSeconds(30));
        return count;
    }

    private HostProcess StartHost(string name, Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var host = HostProcess.Start(name, url, environment, output);
        _hosts.Add(host);
        return host;
    }

    private Dictionary<string, string> HostEnvironment()
    {
        var prefix = "t" + AzuriteFixture.UniqueName("x")[..12];
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Faas__Auth__AdminKey"] = FaasApiFactory.AdminKey,
            ["Faas__Auth__KeyCacheSeconds"] = "0",
            ["Faas__Storage__TablePrefix"] = prefix,
            ["Faas__Storage__CodebaseContainer"] = AzuriteFixture.UniqueName("code"),
            ["Faas__Queues__QueuePrefix"] = prefix,
            ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = prefix,
            ["Faas__Runners__Provider"] = "Local",
            ["Faas__Runners__ReconcileIntervalMs"] = "300",
            ["Faas__Runners__WorkDir"] = Path.Combine(_stateDir, "runner"),
        };
    }
}
