using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Tests.Support;
using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class ExecutionTrackerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task OnWorkerMessage_AfterResult_SendsNothingMore()
    {
        await using var kit = new WorkTestKit();
        kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "late"));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("error", "e1"));

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "slot freed");

        Assert.Equal(["started", "succeeded"], kit.Sent.Select(e => e.Type));
    }

    [Fact]
    public async Task OnWorkerMessage_OtherAttempt_IsIgnored()
    {
        await using var kit = new WorkTestKit();
        kit.Tracker.Start(WorkTestKit.Item("e1", attempt: 2), Minute, Minute);

        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1", attempt: 1));

        await Wait.UntilAsync(() => kit.Sent.Count == 1, "started sent");
        Assert.Equal(1, kit.Tracker.InFlight);
    }

    [Fact]
    public async Task Timeout_Elapsed_ReportsTimeoutErrorTerminatesAndHoldsSlotUntilWorkerAnswers()
    {
        await using var kit = new WorkTestKit();
        kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMilliseconds(100), Minute);

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Failed), "failed sent");
        var failed = kit.Sent.Single(e => e.Type == EventTypes.Failed);
        Assert.Equal("TimeoutError", failed.Error!.Type);
        Assert.False(failed.Terminated);
        Assert.Equal(["e1"], kit.Worker.Terminated);
        Assert.Equal(1, kit.Tracker.InFlight);

        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("error", "e1"));

        Assert.Equal(0, kit.Tracker.InFlight);
        Assert.Single(kit.Sent, e => EventTypes.IsTerminal(e.Type));
    }

    [Fact]
    public async Task ApplyRenewal_Lost_PurgesPendingEventsTerminatesAndStopsRenewing()
    {
        await using var kit = new WorkTestKit(new AgentTimings { LogBatchDelay = TimeSpan.FromSeconds(30) });
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("log", "e1", message: "queued"));

        kit.Tracker.ApplyRenewal(run, new LeaseRenewal(run.LeaseId, null, false, true));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("error", "e1"));

        Assert.Equal(0, kit.Outbox.Count);
        Assert.Equal(["e1"], kit.Worker.Terminated);
        Assert.Equal(0, kit.Tracker.InFlight);
        Assert.Empty(LeaseRenewalScheduler.SelectDue([run], DateTimeOffset.UtcNow.AddHours(1)));

        // The start waited to be batched too: nothing at all is reported for a lease that is gone.
        await Task.Delay(100);
        Assert.Empty(kit.Sent);
    }

    [Fact]
    public async Task ApplyRenewal_Terminate_ForwardsWorkerErrorAsTerminated()
    {
        await using var kit = new WorkTestKit();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);

        kit.Tracker.ApplyRenewal(run, new LeaseRenewal(run.LeaseId, "l2", true, false));
        kit.Tracker.ApplyRenewal(run, new LeaseRenewal("l2", "l3", true, false));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("error", "e1") with { Terminated = true });

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Failed), "failed sent");
        Assert.Equal(["e1"], kit.Worker.Terminated);
        Assert.True(kit.Sent.Single(e => e.Type == EventTypes.Failed).Terminated);
        Assert.Equal("l3", kit.Sent.Single(e => e.Type == EventTypes.Failed).LeaseId);
    }

    [Fact]
    public async Task ApplyRenewal_TerminateIgnoredByWorker_ReportsFailedAfterGrace()
    {
        await using var kit = new WorkTestKit(new AgentTimings { TerminateGrace = TimeSpan.FromMilliseconds(100) });
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);

        kit.Tracker.ApplyRenewal(run, new LeaseRenewal(run.LeaseId, "l2", true, false));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Failed), "failed sent");
        var failed = kit.Sent.Single(e => e.Type == EventTypes.Failed);
        Assert.Equal("ExecutionTerminated", failed.Error!.Type);
        Assert.True(failed.Terminated);
    }

    [Fact]
    public async Task Release_Running_SendsReleasedOnceAndTerminates()
    {
        await using var kit = new WorkTestKit();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);

        kit.Tracker.Release(run);
        kit.Tracker.Release(run);
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("error", "e1") with { Terminated = true });

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "slot freed");
        Assert.Equal(["started", "released"], kit.Sent.Select(e => e.Type));
        Assert.Equal(["e1"], kit.Worker.Terminated);
    }

    [Fact]
    public async Task StartReleased_OverDelivered_SendsOnlyReleased()
    {
        await using var kit = new WorkTestKit();

        kit.Tracker.StartReleased(WorkTestKit.Item("e9"), Minute, Minute);

        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "slot freed");
        Assert.Equal(["released"], kit.Sent.Select(e => e.Type));
        Assert.Empty(kit.Worker.Terminated);
    }

    [Fact]
    public async Task OnCallLost_WorkerCrashed_ReportsWorkerCrashedWithExitAndStderrTail()
    {
        await using var kit = new WorkTestKit();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);

        kit.Tracker.OnCallLost(run.Key, new CallLoss(new WorkerExit(17, "Traceback...\nMemoryError"), KilledByAgent: false, null));
        kit.Tracker.OnWorkerMessage(WorkTestKit.Message("result", "e1"));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Failed), "failed sent");
        var failed = Assert.Single(kit.Sent, e => EventTypes.IsTerminal(e.Type));
        Assert.Equal(("WorkerCrashed", false), (failed.Error!.Type, failed.Terminated));
        Assert.Contains("exited with code 17", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal("Traceback...\nMemoryError", failed.Error.Traceback);
    }

    [Fact]
    public async Task OnCallLost_KilledAfterTerminateRequest_ReportsExecutionTerminated()
    {
        await using var kit = new WorkTestKit();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), Minute, Minute);
        kit.Tracker.ApplyRenewal(run, new LeaseRenewal(run.LeaseId, "l2", true, false));

        kit.Tracker.OnCallLost(run.Key, new CallLoss(new WorkerExit(137, string.Empty), KilledByAgent: true, null));

        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Failed), "failed sent");
        var failed = kit.Sent.Single(e => e.Type == EventTypes.Failed);
        Assert.Equal(("ExecutionTerminated", true), (failed.Error!.Type, failed.Terminated));
    }

    [Fact]
    public async Task OnCallLost_KilledAfterTimeout_OnlyTheTimeoutReportedAndSlotFreed()
    {
        await using var kit = new WorkTestKit();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1"), TimeSpan.FromMilliseconds(50), Minute);
        await Wait.UntilAsync(() => kit.Sent.Any(e => e.Type == EventTypes.Failed), "timeout sent");

        kit.Tracker.OnCallLost(run.Key, new CallLoss(new WorkerExit(137, string.Empty), KilledByAgent: true, null));

        // The slot is freed once the post that carried the final event returned, just after the test saw it sent.
        await Wait.UntilAsync(() => kit.Tracker.InFlight == 0, "slot freed");
        Assert.Equal("TimeoutError", Assert.Single(kit.Sent, e => EventTypes.IsTerminal(e.Type)).Error!.Type);
    }
}
