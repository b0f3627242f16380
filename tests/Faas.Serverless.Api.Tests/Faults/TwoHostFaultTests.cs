using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// Two hosts on one storage account, one set of tables and queues and one task hub (two machines, each with its own
/// runners' folder), sharing the Durable Task partitions; 50 executions submitted through host A, which is killed -9.
/// Host B takes A's partitions over and every execution finishes. Each host's supervisor runs the service's replicas
/// too, so A's runners are orphaned with the calls they held. Called back on A's own address, they cannot report
/// those calls to anyone: the calls' leases run out and B's runners run them again (<c>onReset: rerun</c>), so a call
/// A's runners finished after the kill ran twice. Behind one address for both hosts (as runners in the cloud call
/// the Function App's), they report to B and every call runs once.
/// </summary>
[Collection("Azurite")]
public sealed class TwoHostFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly FaultPlatform _platform = new(azurite.ConnectionString, output);
    private TcpRelay? _relay;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task KillHost_OneOfTwoOnOneTaskHub_AllFinishOnTheOther(bool runnersCallOneAddress)
    {
        var (urlA, urlB) = (FaultPlatform.FreeUrl(), FaultPlatform.FreeUrl());
        Uri? runnersCall = null;
        if (runnersCallOneAddress)
        {
            (_relay, runnersCall) = TcpRelay.ForHosts(urlA, urlB);
            _relay.Start();
        }

        var a = await _platform.StartHostAsync("host-a", urlA, "machine-a", runnersCall);
        var b = await _platform.StartHostAsync("host-b", urlB, "machine-b", runnersCall);
        await Eventually.TrueAsync(
            async () => (await OwnersAsync()).Values.ToHashSet().SetEquals(new int?[] { a.Pid, b.Pid }),
            TimeSpan.FromSeconds(30),
            "the two hosts should share the task hub's partitions");
        using var api = await HostApi.CreateAsync(urlA, FaasApiFactory.AdminKey, _platform.RunsDir);
        using var apiB = api.On(urlB);
        var workload = await InFlightWorkload.StartAsync(api, "twohosts", maxAttempts: 1, onReset: "rerun");
        var running = await workload.WaitForRunningAsync(_platform, atLeast: 10, a, b);
        var (runnersA, runnersB) = (LocalProcesses.RunnersOf(a.Pid).Count, LocalProcesses.RunnersOf(b.Pid).Count);

        var killedAt = DateTimeOffset.UtcNow;
        a.Kill();
        output.WriteLine($"{killedAt:HH:mm:ss.fff} host-a killed");
        var final = await workload.WaitForAllFinalAsync(apiB, TimeSpan.FromSeconds(60));
        var recovery = Recovery.From(final, killedAt);
        var owners = await OwnersAsync();
        var invokedByA = RunnerLog.Invocations(a).Keys.ToHashSet();
        var twice = workload.Keys.Where(key => _platform.Runs(key) > 1).ToList();

        output.WriteLine($"two hosts, host A killed ({(runnersCallOneAddress ? "runners call one address for both" : "runners call their own host")}): " +
            $"{InFlightWorkload.Size} executions, {running} calls running at the kill, {runnersA} + {runnersB} runners; A's runners invoked {invokedByA.Count}; " +
            $"bodies run twice: {twice.Count} ({string.Join(", ", twice)}); partitions after: {string.Join(", ", owners.Select(o => $"{o.Key}={o.Value}"))} (B is {b.Pid}); {recovery}");
        await FaultAssert.AllSucceededOnceAsync(apiB, workload, final, _ => 1);
        await FaultAssert.OrchestrationsCompletedAsync(apiB, workload);
        Assert.All(owners.Values, owner => Assert.Equal(b.Pid, owner));
        Assert.Equal((InFlightWorkload.Replicas, InFlightWorkload.Replicas), (runnersA, runnersB));
        if (runnersCallOneAddress)
        {
            FaultAssert.EachBodyRanOnce(_platform, workload.Keys);
        }
        else
        {
            // At least once per attempt, as for any replica that dies mid-call: only the calls A's runners held run again.
            Assert.All(workload.Keys.Zip(workload.Ids).Where(pair => _platform.Runs(pair.First) != 1), pair =>
                Assert.True(_platform.Runs(pair.First) == 2 && invokedByA.Contains(pair.Second), $"{pair.First} ran {_platform.Runs(pair.First)} times"));
        }

        Assert.True(recovery.AllFinal < Recovery.Goal, $"Recovery took {recovery.AllFinal.TotalSeconds:0.0} s (goal {Recovery.Goal.TotalSeconds:0} s)");
    }

    public void Dispose()
    {
        _platform.Dispose();
        _relay?.Dispose();
    }

    private Task<IReadOnlyDictionary<string, int?>> OwnersAsync() => TaskHubPartitions.OwnersAsync(_platform.ConnectionString, _platform.HubName);
}
