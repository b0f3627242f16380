using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class RerunTests
{
    [Theory]
    [InlineData(ExecutionStatus.Success)]
    [InlineData(ExecutionStatus.Failed)]
    [InlineData(ExecutionStatus.Terminated)]
    [InlineData(ExecutionStatus.Aborted)]
    [InlineData(ExecutionStatus.SystemFailure)]
    public void Apply_RerunFromFinalStatus_StartsNewCycleKeepingHistory(ExecutionStatus status)
    {
        var scenario = Scenario.InStatus(status);
        var before = scenario.State;
        Assert.True(before.CanRerun);
        scenario.Advance(100);

        var decision = scenario.Accept(scenario.Rerun("bob"));

        Assert.Equal(new StatusEntry(scenario.Now, "created", "rerun requested by bob", null, null, null), Assert.Single(decision.Entries));
        Assert.Equal([new DispatchAttempt(before.Attempt + 1)], decision.Commands);
        var state = scenario.State;
        Assert.Equal((ExecutionStatus.Created, ExecutionPhase.Queued), (state.Status, state.Phase));
        Assert.Equal((before.Attempt + 1, 1, 1), (state.Attempt, state.Attempts, state.Cycle));
        Assert.Equal(before.HistoryCount + 1, state.HistoryCount);
        Assert.False(state.ToTerminate);
        Assert.Null(state.Output);
        Assert.Null(state.Error);
        Assert.Null(state.FinishedAt);
        Assert.Null(state.Timer);
        Assert.Equal(0, state.Duration);
        Assert.Equal(before.CreatedAt, state.CreatedAt);
        Assert.False(state.CanRerun);
    }

    [Fact]
    public void Apply_RerunWhileQueued_DropsAsNotFinal()
    {
        var scenario = new Scenario();

        Assert.False(scenario.State.CanRerun);
        scenario.AssertDropped(scenario.Rerun(), DropReasons.NotFinal);
    }

    [Fact]
    public void Apply_RerunWhileRunning_DropsAsNotFinal()
    {
        var scenario = new Scenario().Start();

        scenario.AssertDropped(scenario.Rerun(), DropReasons.NotFinal);
    }

    [Fact]
    public void Apply_RerunWhileRetryPending_DropsAsNotFinal()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Rerun(), DropReasons.NotFinal);
    }

    [Fact]
    public void Apply_RerunWhileTerminating_DropsAsNotFinal()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());

        scenario.AssertDropped(scenario.Rerun(), DropReasons.NotFinal);
    }

    [Fact]
    public void Apply_RerunRedelivered_DropsAsDuplicate()
    {
        var scenario = Scenario.InStatus(ExecutionStatus.Success);
        var rerun = scenario.Rerun();
        scenario.Accept(rerun);

        scenario.AssertDropped(rerun, DropReasons.DuplicateEvent);
    }

    [Fact]
    public void Apply_RerunWithoutRequester_SaysRerunRequested()
    {
        var scenario = Scenario.InStatus(ExecutionStatus.Success);

        var decision = scenario.Accept(scenario.Rerun(by: null));

        Assert.Equal("rerun requested", Assert.Single(decision.Entries).Message);
    }

    [Fact]
    public void Apply_RerunsAfterRetries_NumberAttemptsGloballyAndCountPerCycle()
    {
        var scenario = new Scenario().FailAll();
        Assert.Equal((3, 3), (scenario.State.Attempt, scenario.State.Attempts));

        scenario.Accept(scenario.Rerun());
        scenario.Start().FailAndRetry().Start();
        scenario.Accept(scenario.Succeeded());
        scenario.Accept(scenario.Rerun());

        Assert.Equal((6, 1, 2), (scenario.State.Attempt, scenario.State.Attempts, scenario.State.Cycle));
        Assert.Equal(scenario.History.Count, scenario.State.HistoryCount);
        Assert.Equal(1, scenario.History.Count(e => e.Status == "success"));
    }

    [Fact]
    public void Apply_EventsOfPreviousCycle_DropAsStaleAttempt()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());
        var grace = scenario.PendingTimer();
        scenario.Accept(scenario.Succeeded());
        scenario.Accept(scenario.Rerun());

        scenario.AssertDropped(scenario.Succeeded(attempt: 1), DropReasons.StaleAttempt);
        scenario.AssertDropped(scenario.Failed(attempt: 1), DropReasons.StaleAttempt);
        scenario.AssertDropped(grace, DropReasons.StaleAttempt);
        scenario.AssertDropped(scenario.Progress(50, "late", attempt: 1), DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_SecondCycle_FinishesAndNotifiesAgain()
    {
        var scenario = Scenario.InStatus(ExecutionStatus.Failed);
        scenario.Accept(scenario.Rerun());
        scenario.Start();

        var decision = scenario.Accept(scenario.Succeeded());

        Assert.Contains(new NotifyFinished(ExecutionStatus.Success), decision.Commands);
        Assert.Equal((ExecutionStatus.Success, 4, 1), (scenario.State.Status, scenario.State.Attempt, scenario.State.Cycle));
    }
}
