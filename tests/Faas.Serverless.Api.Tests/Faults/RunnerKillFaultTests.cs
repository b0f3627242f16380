using System.Diagnostics;
using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// kill -9 of one of the two runner agents (the host's children) with 50 executions in flight: its workers die with
/// it, the supervisor starts the replica again, and the calls it held are run again once their leases expire
/// (<c>onReset: rerun</c>), as the same attempt.
/// </summary>
[Collection("Azurite")]
public sealed class RunnerKillFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly FaultPlatform _platform = new(azurite.ConnectionString, output);

    [Fact]
    public async Task KillRunner_FiftyInFlight_ItsCallsRunAgainAndAllSucceedOnce()
    {
        var url = FaultPlatform.FreeUrl();
        var host = await _platform.StartHostAsync("host", url, "machine");
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, _platform.RunsDir);
        var workload = await InFlightWorkload.StartAsync(api, "runnerkill", maxAttempts: 1, onReset: "rerun");
        var running = await workload.WaitForRunningAsync(_platform, atLeast: 10, host);
        var runners = LocalProcesses.RunnersOf(host.Pid);
        Assert.Equal(InFlightWorkload.Replicas, runners.Count);
        var victim = runners[0];
        var workers = LocalProcesses.ChildrenOf(victim).Count;

        var killedAt = DateTimeOffset.UtcNow;
        using (var process = Process.GetProcessById(victim))
        {
            process.Kill(entireProcessTree: false);
        }

        output.WriteLine($"{killedAt:HH:mm:ss.fff} runner {victim} killed");
        var final = await workload.WaitForAllFinalAsync(api, TimeSpan.FromSeconds(60));
        var recovery = Recovery.From(final, killedAt);
        var invocations = RunnerLog.Invocations(host);
        var rerun = final.Where(o => invocations.GetValueOrDefault(o.Id) > 1).ToList();
        var rerunRecovery = Recovery.From(rerun, killedAt);

        output.WriteLine($"kill -9 of a runner agent: {InFlightWorkload.Size} executions, {running} calls running at the kill, {workers} workers under the killed runner; " +
            $"{rerun.Count} calls run again; {recovery}");
        output.WriteLine($"the killed runner's calls: {rerunRecovery}");
        await FaultAssert.AllSucceededOnceAsync(api, workload, final, _ => 1);
        FaultAssert.EachBodyRanOnce(_platform, workload.Keys);
        await FaultAssert.OrchestrationsCompletedAsync(api, workload);
        Assert.NotEmpty(rerun);
        Assert.All(workload.Ids, id => Assert.InRange(invocations.GetValueOrDefault(id), 1, 2));
        Assert.True(recovery.AllFinal < Recovery.Goal, $"Recovery took {recovery.AllFinal.TotalSeconds:0.0} s (goal {Recovery.Goal.TotalSeconds:0} s)");
    }

    public void Dispose() => _platform.Dispose();
}
