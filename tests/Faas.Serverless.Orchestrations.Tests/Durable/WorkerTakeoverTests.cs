using System.Diagnostics;
using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

/// <summary>Two workers share a task hub; one vanishes with work in flight and the other finishes it.</summary>
[Collection("Azurite")]
public sealed class WorkerTakeoverTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Orchestrations = 10;

    /// <summary>
    /// The first host loses storage mid-flight without releasing anything, as a killed process would: its partition
    /// leases must expire and its dequeued messages reappear before the second host can finish its work. With the
    /// default settings (10 s lease + 3 s acquire tick, 15 s visibility) that is well under 30 s.
    /// </summary>
    [Fact]
    public async Task SecondWorker_FirstLosesStorageWithOrchestrationsInFlight_FinishesThemAllWithin30Seconds()
    {
        var hub = AzuriteFixture.UniqueName("hub");
        var (relay, relayed) = TcpRelay.ForStorage(azurite.ConnectionString);
        using var proxy = relay;
        proxy.Start();
        var first = await StartAsync(relayed, hub, "first");
        await using var second = await StartAsync(azurite.ConnectionString, hub, "second");
        var ids = new List<string>();
        for (var i = 0; i < Orchestrations; i++)
        {
            ids.Add(await second.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RelayOrchestrator), i));
        }

        await WaitUntilAsync(() => first.Get<RunCounter>().Count("started") > 0, TimeSpan.FromSeconds(15));
        proxy.Cut();
        var recovery = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        var results = new List<OrchestrationMetadata>();
        foreach (var id in ids)
        {
            results.Add(await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token));
        }

        recovery.Stop();
        output.WriteLine($"All {Orchestrations} finished {recovery.Elapsed.TotalSeconds:0.0} s after the first worker lost storage " +
            $"(first started {first.Get<RunCounter>().Count("started")} activities, second {second.Get<RunCounter>().Count("started")}).");
        proxy.Start();
        await first.StopAsync(TimeSpan.FromSeconds(5));
        await first.DisposeAsync();

        Assert.All(results, r => Assert.Equal(OrchestrationRuntimeStatus.Completed, r.RuntimeStatus));
        Assert.Equal(Enumerable.Range(0, Orchestrations).Select(i => $":{i}"), results.Select(r => r.ReadOutputAs<string>()![r.ReadOutputAs<string>()!.IndexOf(':', StringComparison.Ordinal)..]));
        Assert.Contains(results, r => r.ReadOutputAs<string>()!.StartsWith("second:", StringComparison.Ordinal));
        Assert.True(recovery.Elapsed < TimeSpan.FromSeconds(30), $"Recovery took {recovery.Elapsed.TotalSeconds:0.0} s.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, "The first worker never started an activity.");
            await Task.Delay(20);
        }
    }

    private Task<DurableHost> StartAsync(string connectionString, string hub, string name) => DurableHost.StartAsync(
        connectionString,
        hub,
        output,
        services => services
            .AddSingleton(new HostName(name))
            .AddSingleton<RunCounter>()
            .AddOrchestrator<RelayOrchestrator>()
            .AddActivity<SlowActivity>(),
        name: name);
}
