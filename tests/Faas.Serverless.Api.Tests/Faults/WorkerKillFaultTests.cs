using System.Diagnostics;
using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// kill -9 of one Python worker (a runner's child, the host's grandchild) in the middle of its call, with 50
/// executions in flight: that attempt fails with <c>WorkerCrashed</c> at once and its retry succeeds on a fresh
/// worker; the other calls, on the same runner too, do not notice.
/// </summary>
[Collection("Azurite")]
public sealed class WorkerKillFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly FaultPlatform _platform = new(azurite.ConnectionString, output);

    [Fact]
    public async Task KillWorker_MidCall_ThatAttemptFailsWorkerCrashedAndItsRetrySucceeds()
    {
        var url = FaultPlatform.FreeUrl();
        var host = await _platform.StartHostAsync("host", url, "machine");
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, _platform.RunsDir);
        var workload = await InFlightWorkload.StartAsync(api, "workerkill", maxAttempts: 2, onReset: "failed");
        var running = await workload.WaitForRunningAsync(_platform, atLeast: 10, host);
        var runner = LocalProcesses.RunnersOf(host.Pid)[0];
        Assert.Equal(InFlightWorkload.Concurrency, LocalProcesses.ChildrenOf(runner).Count);
        var victim = await BusyWorkerAsync(runner);

        var killedAt = DateTimeOffset.UtcNow;
        using (var process = Process.GetProcessById(victim))
        {
            process.Kill(entireProcessTree: false);
        }

        output.WriteLine($"{killedAt:HH:mm:ss.fff} worker {victim} of runner {runner} killed");
        var final = await workload.WaitForAllFinalAsync(api, TimeSpan.FromSeconds(60));
        var retried = final.Where(o => o.Attempts > 1).ToList();
        var recovery = Recovery.From(retried, killedAt);

        output.WriteLine($"kill -9 of a Python worker: {InFlightWorkload.Size} executions, {running} calls running at the kill; retried: " +
            $"{string.Join("; ", retried.Select(o => o.Describe()))}; the retried call {recovery}");
        await FaultAssert.AllSucceededOnceAsync(api, workload, final, o => retried.Contains(o) ? 2 : 1);
        var crashed = Assert.Single(retried);
        Assert.Equal(["WorkerCrashed"], crashed.FailedAttemptErrors);
        FaultAssert.EachBodyRanOnce(_platform, workload.Keys);
        await FaultAssert.OrchestrationsCompletedAsync(api, workload);
        Assert.True(recovery.AllFinal < Recovery.Goal, $"The retried call took {recovery.AllFinal.TotalSeconds:0.0} s (goal {Recovery.Goal.TotalSeconds:0} s)");
    }

    public void Dispose() => _platform.Dispose();

    /// <summary>
    /// A worker of the runner that is in a call: <c>work</c> sleeps in 50 ms steps, so one of the worker's threads is in
    /// a nanosleep, while an idle worker's threads wait on its stdin and its call queue.
    /// </summary>
    private static async Task<int> BusyWorkerAsync(int runner)
    {
        var busy = 0;
        await Eventually.TrueAsync(
            () => Task.FromResult((busy = LocalProcesses.ChildrenOf(runner).FirstOrDefault(pid => LocalProcesses.WaitChannels(pid).Any(w => w.Contains("nanosleep", StringComparison.Ordinal)))) != 0),
            TimeSpan.FromSeconds(10),
            "a worker of the runner should be in a call");
        return busy;
    }
}
