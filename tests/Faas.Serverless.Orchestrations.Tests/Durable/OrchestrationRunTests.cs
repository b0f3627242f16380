using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

/// <summary>Microsoft.DurableTask classes running on the task hub runtime, driven through its DurableTaskClient.</summary>
[Collection("Azurite")]
public sealed class OrchestrationRunTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Orchestrator_RetriedActivityAndRaisedEvent_CompletesWithRecordOutput()
    {
        await using var host = await StartAsync();
        var input = new GreetingRequest("Ada", Attempts: 2);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greeter", input);
        var waiting = await WaitForCustomStatusAsync(host.Client, id, "awaiting-approval");
        await host.Client.RaiseEventAsync(id, "approval", new Approval("Grace", Granted: true));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, new CancellationTokenSource(Timeout).Token);

        Assert.Equal(new Progress("awaiting-approval", 50), waiting);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new Greeting("Hello, Ada", "Grace", 2), done.ReadOutputAs<Greeting>());
        Assert.Equal(input, done.ReadInputAs<GreetingRequest>());
        Assert.Equal(new Progress("done", 100), done.ReadCustomStatusAs<Progress>());
        Assert.Equal("Greeter", done.Name);
        Assert.Equal(2, host.Get<RunCounter>().Count(id));
    }

    [Fact]
    public async Task Orchestrator_ActivityFailsEveryAttempt_FailsAfterTheRetryPolicysAttempts()
    {
        await using var host = await StartAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greeter", new GreetingRequest("Ada", Attempts: 10));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, new CancellationTokenSource(Timeout).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(3, host.Get<RunCounter>().Count(id));
    }

    [Fact]
    public async Task TerminateInstanceAsync_WaitingInstance_EndsTerminatedWithTheGivenOutput()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "input");
        await host.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Timeout).Token);

        await host.Client.TerminateInstanceAsync(id, new Approval("ops", Granted: false));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, new CancellationTokenSource(Timeout).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal(new Approval("ops", Granted: false), done.ReadOutputAs<Approval>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_RunningInstance_IsSuspendedUntilResumed()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "input");
        await host.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Timeout).Token);

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        var suspended = await WaitForStatusAsync(host.Client, id, OrchestrationRuntimeStatus.Suspended);
        await host.Client.ResumeInstanceAsync(id, "over");
        var resumed = await WaitForStatusAsync(host.Client, id, OrchestrationRuntimeStatus.Running);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, suspended);
        Assert.Equal(OrchestrationRuntimeStatus.Running, resumed);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_InstanceIdInUse_ThrowsAndKeepsTheRunningInstance()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "first", new StartOrchestrationOptions(InstanceId: "fixed-id"));
        await host.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Timeout).Token);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "second", new StartOrchestrationOptions(InstanceId: "fixed-id")));
        var running = await host.Client.GetInstanceAsync("fixed-id", getInputsAndOutputs: true);

        Assert.Equal("fixed-id", id);
        Assert.Equal("first", running!.ReadInputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, running.RuntimeStatus);
    }

    /// <summary>The start message is hidden until then; the queue counts whole seconds, so it may come up to 1 s early.</summary>
    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAtInThreeSeconds_StaysPendingUntilThen()
    {
        await using var host = await StartAsync();
        var startAt = DateTimeOffset.UtcNow.AddSeconds(3);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "later", new StartOrchestrationOptions(StartAt: startAt));
        var before = await host.Client.GetInstanceAsync(id);
        var started = await host.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Timeout).Token);

        Assert.Equal(OrchestrationRuntimeStatus.Pending, before!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.True(DateTimeOffset.UtcNow >= startAt.AddSeconds(-1), $"The instance started at {DateTimeOffset.UtcNow:HH:mm:ss.fff}, before {startAt:HH:mm:ss.fff}.");
    }

    private static async Task<Progress?> WaitForCustomStatusAsync(DurableTaskClient client, string id, string step)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            var status = (await client.GetInstanceAsync(id, deadline.Token))?.ReadCustomStatusAs<Progress>();
            if (status?.Step == step)
            {
                return status;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private static async Task<OrchestrationRuntimeStatus> WaitForStatusAsync(DurableTaskClient client, string id, OrchestrationRuntimeStatus expected)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while ((await client.GetInstanceAsync(id, deadline.Token))!.RuntimeStatus != expected)
        {
            await Task.Delay(50, deadline.Token);
        }

        return expected;
    }

    private Task<DurableHost> StartAsync() => DurableHost.StartAsync(
        azurite.ConnectionString,
        AzuriteFixture.UniqueName("hub"),
        output,
        services => services
            .AddSingleton<RunCounter>()
            .AddOrchestrator<GreeterOrchestrator>()
            .AddActivity<FlakyGreetActivity>()
            .AddOrchestrator<WaitForeverOrchestrator>());
}
