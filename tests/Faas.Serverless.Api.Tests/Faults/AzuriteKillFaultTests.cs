using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// Storage dies with 50 executions in flight and comes back on the same data: every connection to it is reset at once
/// and new ones are refused (a <see cref="TcpRelay"/> cut), then Azurite (of this test only, on disk) is killed -9
/// and started again on its data, and the relay opens again. The host, its runners and Durable Task ride it out and
/// every execution finishes once. The relay stands in for the process's death towards the platform because Azurite
/// saves its databases every 5 s: killed under load, it forgets up to 5 s of writes it acknowledged, so Azurite is
/// killed only once it has saved everything (no traffic reaches it after the cut).
/// </summary>
[Collection("Azurite")]
public sealed class AzuriteKillFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Past Azurite's 5 s save interval, so that it has saved every write it acknowledged before it is killed.</summary>
    private static readonly TimeSpan UntilSaved = TimeSpan.FromSeconds(6);
    private readonly DiskAzurite _storage = new();
    private TcpRelay _relay = null!;
    private FaultPlatform _platform = null!;

    public async Task InitializeAsync()
    {
        await _storage.StartAsync();
        (_relay, var connectionString) = TcpRelay.ForStorage(_storage.ConnectionString);
        _relay.Start();
        _platform = new FaultPlatform(connectionString, output);
    }

    public async Task DisposeAsync()
    {
        _platform.Dispose();
        _relay.Dispose();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task KillAzurite_FiftyInFlight_AllSucceedOnceAfterItRestartsOnTheSameData()
    {
        var url = FaultPlatform.FreeUrl();
        var host = await _platform.StartHostAsync("host", url, "machine");
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, _platform.RunsDir);
        var workload = await InFlightWorkload.StartAsync(api, "storagekill", maxAttempts: 1, onReset: "failed");
        var running = await workload.WaitForRunningAsync(_platform, atLeast: 10, host);

        var killedAt = DateTimeOffset.UtcNow;
        _relay.Cut();
        output.WriteLine($"{killedAt:HH:mm:ss.fff} storage cut off");
        await Task.Delay(UntilSaved);
        _storage.Kill();
        await _storage.StartAsync();
        _relay.Start();
        var restartedAt = DateTimeOffset.UtcNow;
        output.WriteLine($"{restartedAt:HH:mm:ss.fff} Azurite killed, started again on its data, and reachable");
        var final = await workload.WaitForAllFinalAsync(api, TimeSpan.FromSeconds(60));
        var recovery = Recovery.From(final, restartedAt);

        output.WriteLine($"kill -9 of Azurite: {InFlightWorkload.Size} executions, {running} calls running at the kill; storage down {(restartedAt - killedAt).TotalSeconds:0.0} s; " +
            $"from the kill: {Recovery.From(final, killedAt)}");
        output.WriteLine($"from the restart: {recovery}");
        await FaultAssert.AllSucceededOnceAsync(api, workload, final, _ => 1);
        FaultAssert.EachBodyRanOnce(_platform, workload.Keys);
        await FaultAssert.OrchestrationsCompletedAsync(api, workload);
        Assert.True(recovery.AllFinal < Recovery.Goal, $"Recovery took {recovery.AllFinal.TotalSeconds:0.0} s after the restart (goal {Recovery.Goal.TotalSeconds:0} s)");
    }
}
