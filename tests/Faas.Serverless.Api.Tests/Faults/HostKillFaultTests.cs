using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// kill -9 of the host with 50 executions in flight, then a new host on the same port, storage and task hub: it
/// takes the dead host's Durable Task partitions once their leases expire, its orphaned runners report their calls to
/// it, and everything finishes within the 30 s.
/// </summary>
[Collection("Azurite")]
public sealed class HostKillFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly FaultPlatform _platform = new(azurite.ConnectionString, output);

    [Fact]
    public async Task KillHost_FiftyInFlight_AllSucceedOnceWithinThirtySecondsOfTheKill()
    {
        var url = FaultPlatform.FreeUrl();
        var first = await _platform.StartHostAsync("host-1", url, "machine");
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, _platform.RunsDir);
        var workload = await InFlightWorkload.StartAsync(api, "hostkill", maxAttempts: 1, onReset: "failed");
        var running = await workload.WaitForRunningAsync(_platform, atLeast: 10, first);
        var orphans = LocalProcesses.RunnersOf(first.Pid);

        var killedAt = DateTimeOffset.UtcNow;
        first.Kill();
        output.WriteLine($"{killedAt:HH:mm:ss.fff} host-1 killed");
        await _platform.StartHostAsync("host-2", url, "machine");
        var healthyAfter = DateTimeOffset.UtcNow - killedAt;
        var final = await workload.WaitForAllFinalAsync(api, TimeSpan.FromSeconds(60));
        var recovery = Recovery.From(final, killedAt);

        output.WriteLine($"kill -9 of the host: {InFlightWorkload.Size} executions, {running} calls running and {orphans.Count} runners orphaned at the kill; " +
            $"new host healthy {healthyAfter.TotalSeconds:0.0} s after the kill; {recovery}");
        await FaultAssert.AllSucceededOnceAsync(api, workload, final, _ => 1);
        FaultAssert.EachBodyRanOnce(_platform, workload.Keys);
        await FaultAssert.OrchestrationsCompletedAsync(api, workload);
        Assert.Equal(InFlightWorkload.Replicas, orphans.Count);
        Assert.True(recovery.AllFinal < Recovery.Goal, $"Recovery took {recovery.AllFinal.TotalSeconds:0.0} s (goal {Recovery.Goal.TotalSeconds:0} s)");
    }

    public void Dispose() => _platform.Dispose();
}
