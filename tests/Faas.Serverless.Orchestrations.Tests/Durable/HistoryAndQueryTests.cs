using Faas.Serverless.Orchestrations.Durable;
using Faas.Serverless.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

[Collection("Azurite")]
public sealed class HistoryAndQueryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ReadAsync_FinishedInstance_ReturnsItsEventsInOrderWithPayloads()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greeter", new GreetingRequest("Ada", Attempts: 2));
        await host.Client.RaiseEventAsync(id, "approval", new Approval("Grace", Granted: true));
        await host.Client.WaitForInstanceCompletionAsync(id, new CancellationTokenSource(Timeout).Token);

        var view = await host.History.ReadAsync(id);

        Assert.NotNull(view);
        Assert.Equal("Completed", view.RuntimeStatus);
        Assert.Equal("Greeter", view.Name);
        Assert.Contains("\"done\"", view.CustomStatus, StringComparison.Ordinal);
        Assert.Contains("Hello, Ada", view.Output, StringComparison.Ordinal);
        var milestones = view.History.Where(e => e.EventType is "ExecutionStarted" or "TaskScheduled" or "TaskFailed" or "TaskCompleted" or "ExecutionCompleted").ToList();
        Assert.Equal(["ExecutionStarted", "TaskScheduled", "TaskFailed", "TaskScheduled", "TaskCompleted", "ExecutionCompleted"], milestones.Select(e => e.EventType));
        Assert.Contains("\"Ada\"", milestones[0].Input, StringComparison.Ordinal);
        Assert.Equal("FlakyGreet", milestones[1].Name);
        Assert.Contains("attempt 1 fails on purpose", milestones[2].Failure, StringComparison.Ordinal);
        Assert.Equal(milestones[3].EventId, milestones[4].TaskScheduledId);
        Assert.Contains("Hello, Ada", milestones[4].Result, StringComparison.Ordinal);
        var raised = Assert.Single(view.History, e => e.EventType == "EventRaised");
        Assert.Equal("approval", raised.Name);
        Assert.Contains("Grace", raised.Input, StringComparison.Ordinal);
        Assert.Contains(view.History, e => e.EventType == "TimerFired" && e.FireAt is not null);
        Assert.All(view.History, e => Assert.True(e.Timestamp > DateTimeOffset.UtcNow.AddMinutes(-1), $"{e.EventType} has no timestamp."));
        Assert.True(milestones[0].Timestamp <= milestones[^1].Timestamp);
    }

    [Fact]
    public async Task ReadAsync_UnknownInstance_ReturnsNull()
    {
        await using var host = await StartAsync();

        Assert.Null(await host.History.ReadAsync("no-such-instance"));
    }

    [Fact]
    public async Task GetAllInstancesAsync_ByStatusAndCreatedRange_PagesThroughTheMatchesOnly()
    {
        await using var host = await StartAsync();
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var running = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            running.Add(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), $"input-{i}"));
        }

        var terminated = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "input-t");
        await host.Client.TerminateInstanceAsync(terminated, "stop");
        await host.Client.WaitForInstanceCompletionAsync(terminated, new CancellationTokenSource(Timeout).Token);
        foreach (var id in running)
        {
            await host.Client.WaitForInstanceStartAsync(id, new CancellationTokenSource(Timeout).Token);
        }

        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running], CreatedFrom = from, PageSize = 2, FetchInputsAndOutputs = true };
        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (var page in host.Client.GetAllInstancesAsync(query).AsPages())
        {
            pages.Add(page);
        }

        var found = pages.SelectMany(page => page.Values).ToList();
        Assert.Equal(running.Order(), found.Select(m => m.InstanceId).Order());
        Assert.True(pages.Count >= 2, $"3 matches in pages of 2 came back in {pages.Count} page(s).");
        Assert.All(found, m => Assert.StartsWith("input-", m.ReadInputAs<string>(), StringComparison.Ordinal));
        await foreach (var late in host.Client.GetAllInstancesAsync(query with { CreatedFrom = DateTimeOffset.UtcNow.AddMinutes(1) }))
        {
            Assert.Fail($"{late.InstanceId} was created before the query's range.");
        }
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedAndRunningInstances_DeletesTheFinishedOneAndRefusesTheOther()
    {
        await using var host = await StartAsync();
        var finished = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "a");
        await host.Client.TerminateInstanceAsync(finished, "stop");
        await host.Client.WaitForInstanceCompletionAsync(finished, new CancellationTokenSource(Timeout).Token);
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForeverOrchestrator), "b");

        var purged = await host.Client.PurgeInstanceAsync(finished);

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(finished));
        Assert.Null(await host.History.ReadAsync(finished));
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync(running));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
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
