using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// The fault tests' workload with no fault: what they check holds here first, so a failure there is the fault's, and
/// its time to finish is the yardstick for their recovery times.
/// </summary>
[Collection("Azurite")]
public sealed class NoFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IDisposable
{
    private readonly FaultPlatform _platform = new(azurite.ConnectionString, output);

    [Fact]
    public async Task NoFault_FiftyInFlight_AllSucceedOnceAndEachBodyRunsOnce()
    {
        var url = FaultPlatform.FreeUrl();
        var host = await _platform.StartHostAsync("host", url, "machine");
        using var api = await HostApi.CreateAsync(url, FaasApiFactory.AdminKey, _platform.RunsDir);
        var workload = await InFlightWorkload.StartAsync(api, "nofault", maxAttempts: 1, onReset: "failed");
        var submittedAt = DateTimeOffset.UtcNow;
        var final = await workload.WaitForAllFinalAsync(api, TimeSpan.FromSeconds(60));

        output.WriteLine($"no fault: {InFlightWorkload.Size} executions; from the last submission: {Recovery.From(final, submittedAt)}");
        await FaultAssert.AllSucceededOnceAsync(api, workload, final, _ => 1);
        FaultAssert.EachBodyRanOnce(_platform, workload.Keys);
        await FaultAssert.OrchestrationsCompletedAsync(api, workload);
        Assert.All(workload.Ids, id => Assert.Equal(1, RunnerLog.Invocations(host).GetValueOrDefault(id)));
    }

    public void Dispose() => _platform.Dispose();
}
