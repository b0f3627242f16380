using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Tests.Support;
using Faas.Serverless.Runner.Work;

namespace Faas.Serverless.Runner.Tests.Unit;

/// <summary>Posts side by side: the host holds a post until it applied its events, which must not hold up other executions.</summary>
public sealed class EventOutboxConcurrencyTests
{
    private static readonly AgentTimings Fast = new() { LogBatchDelay = TimeSpan.FromMilliseconds(20) };

    [Fact]
    public async Task RunAsync_HostHoldsOnePost_OtherExecutionsDeliveredMeanwhile()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kit = new WorkTestKit(Fast, beforePost: attempt => attempt == 1 ? release.Task : Task.CompletedTask);
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));
        await Wait.UntilAsync(() => kit.PostAttempts == 1, "e1's post sent and held");

        kit.Tracker.Start(WorkTestKit.Item("e2", leaseId: "lease-2"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e2"));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.ExecutionId == "e2" && e.Type == EventTypes.Succeeded), "e2 delivered while e1's post is held");
        Assert.DoesNotContain(kit.Sent, e => e.ExecutionId == "e1");
        release.SetResult();
        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "e1 delivered once released");
        Assert.Equal([EventTypes.Started, EventTypes.Succeeded], kit.Sent.Where(e => e.ExecutionId == "e1").Select(e => e.Type));
    }

    [Fact]
    public async Task RunAsync_PostOfAnExecutionInFlight_ItsLaterEventsWaitAndKeepTheirOrder()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kit = new WorkTestKit(Fast, beforePost: attempt => attempt == 1 ? release.Task : Task.CompletedTask);
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => kit.PostAttempts == 1, "e1's started sent and held");

        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "after start"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));
        await Task.Delay(300);

        Assert.Equal(1, kit.PostAttempts);
        release.SetResult();
        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "e1's result delivered");
        Assert.Equal([[EventTypes.Started], [EventTypes.Log, EventTypes.Succeeded]], kit.Posts.Select(p => p.Select(e => e.Type).ToArray()));
    }

    [Fact]
    public async Task RunAsync_AllPostsHeld_NoMoreThanTheLimitGoOut()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var kit = new WorkTestKit(Fast with { MaxPostsInFlight = 2 }, beforePost: _ => release.Task);
        for (var i = 0; i < 4; i++)
        {
            kit.Tracker.Start(WorkTestKit.Item($"e{i}", leaseId: $"lease-{i}"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
            kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", $"e{i}"));
            await Task.Delay(50);
        }

        Assert.Equal(2, kit.PostAttempts);
        release.SetResult();
        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "every result delivered");
        Assert.Equal(4, kit.Sent.Count(e => e.Type == EventTypes.Succeeded));
    }
}
