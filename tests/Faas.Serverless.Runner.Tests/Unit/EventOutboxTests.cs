using System.Net;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Tests.Support;
using Faas.Serverless.Runner.Work;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class EventOutboxTests
{
    [Fact]
    public async Task Enqueue_OnlyLogs_WaitsForBatchDelayThenSendsOneBatch()
    {
        await using var kit = new WorkTestKit(new AgentTimings { LogBatchDelay = TimeSpan.FromMilliseconds(300) });
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => kit.Posts.Count == 1, "started sent");

        for (var i = 0; i < 3; i++)
        {
            kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: $"line {i}"));
        }

        await Task.Delay(50);
        Assert.Single(kit.Posts);
        await Wait.UntilAsync(() => kit.Posts.Count == 2, "log batch sent");
        Assert.Equal(["line 0", "line 1", "line 2"], kit.Posts[1].Select(e => e.Message));
        Assert.Equal(run.ExecutionId, kit.Posts[1][0].ExecutionId);
    }

    [Fact]
    public async Task Enqueue_FinalEvent_FlushesAtOnceAfterItsLogsInOrder()
    {
        await using var kit = new WorkTestKit(new AgentTimings { LogBatchDelay = TimeSpan.FromSeconds(30) });
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("progress", "e1"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "a"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Succeeded), "succeeded sent", 5);

        Assert.Equal(["started", "progress", "log", "succeeded"], kit.Sent.Select(e => e.Type));
        Assert.Equal(4, kit.Sent.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public async Task Enqueue_StartedThenResultWithinTheDelay_OnePost()
    {
        await using var kit = new WorkTestKit(new AgentTimings { LogBatchDelay = TimeSpan.FromSeconds(30) });
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Task.Delay(50);
        Assert.Empty(kit.Posts);

        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Succeeded), "succeeded sent", 5);
        Assert.Equal([EventTypes.Started, EventTypes.Succeeded], Assert.Single(kit.Posts).Select(e => e.Type));
    }

    [Fact]
    public async Task Enqueue_StartedOfALongCall_SentAfterTheBatchDelay()
    {
        await using var kit = new WorkTestKit(new AgentTimings { LogBatchDelay = TimeSpan.FromSeconds(1.5) });
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        await Task.Delay(100);
        Assert.Empty(kit.Posts);
        await Wait.UntilAsync(() => kit.Posts.Count == 1, "started sent");
        Assert.Equal([EventTypes.Started], kit.Posts[0].Select(e => e.Type));
    }

    [Fact]
    public async Task RunAsync_PostFailsTwice_RetriesSameEventsInOrder()
    {
        await using var kit = new WorkTestKit(failPost: attempt => attempt <= 2 ? new HostApiException("503", HttpStatusCode.ServiceUnavailable) : null);
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "a"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Succeeded), "succeeded sent", 10);

        Assert.True(kit.PostAttempts >= 3);
        Assert.Equal(["started", "log", "succeeded"], kit.Sent.Select(e => e.Type));
        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "slot freed after the final event was accepted");
    }

    [Fact]
    public async Task RunAsync_LeaseRenewedBeforeSend_StampsLatestLeaseId()
    {
        await using var kit = new WorkTestKit(new AgentTimings { LogBatchDelay = TimeSpan.FromMilliseconds(100) });
        var renewal = await kit.Gate.WriterLockAsync();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1", leaseId: "old"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        kit.Tracker.ApplyRenewal(run, new LeaseRenewal("old", "new", false, false));
        renewal.Dispose();

        await Wait.UntilAsync(() => kit.Sent.Count == 1, "started sent");
        Assert.Equal("new", kit.Sent[0].LeaseId);
    }

    [Fact]
    public async Task RunAsync_HostRejectsBatch_DropsItAndEndsTheLease()
    {
        await using var kit = new WorkTestKit(failPost: _ => new HostApiException("400", HttpStatusCode.BadRequest));
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0 && kit.Outbox.Count == 0, "batch dropped and slot freed");
    }

    [Fact]
    public async Task RunAsync_HostRefuses_Throws()
    {
        await using var kit = new WorkTestKit(failPost: _ => new HostRefusedException("401", HttpStatusCode.Unauthorized));
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        await Assert.ThrowsAsync<HostRefusedException>(() => kit.Loop.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Enqueue_TooManyPending_DropsLogsButKeepsFinalEvent()
    {
        var hold = new TaskCompletionSource();
        await using var kit = new WorkTestKit(
            new AgentTimings { MaxPendingEvents = 3, LogBatchDelay = TimeSpan.FromMilliseconds(100) },
            beforePost: attempt => attempt == 1 ? hold.Task : Task.CompletedTask);
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => kit.PostAttempts == 1, "started being posted");
        for (var i = 0; i < 10; i++)
        {
            kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: $"{i}"));
        }

        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));
        hold.SetResult();

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Succeeded), "succeeded sent");
        Assert.Equal(3, kit.Sent.Count(e => e.Type == EventTypes.Log));
    }
}
