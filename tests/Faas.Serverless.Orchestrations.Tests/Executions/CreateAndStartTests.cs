using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class CreateAndStartTests
{
    [Fact]
    public void Apply_CreatedWithoutState_QueuesAttemptOne()
    {
        var now = Scenario.T0;

        var decision = ExecutionOrchestrator.Apply(null, new ExecutionCreated("create-1", "exec-9", Scenario.DefaultPolicy), now);

        Assert.False(decision.IsDropped);
        var state = decision.State;
        Assert.Equal("exec-9", state.Id);
        Assert.Equal(ExecutionStatus.Created, state.Status);
        Assert.Equal(ExecutionPhase.Queued, state.Phase);
        Assert.Equal((1, 1, 0, 3), (state.Attempt, state.Attempts, state.Cycle, state.MaxAttempts));
        Assert.Equal((now, now), (state.CreatedAt, state.UpdatedAt));
        Assert.Null(state.Timer);
        Assert.Null(state.PercentComplete);
        Assert.False(state.ToTerminate);
        Assert.Equal(1, state.HistoryCount);
        Assert.Equal(["create-1"], state.RecentEventIds);
        Assert.Equal(new StatusEntry(now, "created", null, null, null, null), Assert.Single(decision.Entries));
        Assert.Equal([new DispatchAttempt(1)], decision.Commands);
    }

    [Fact]
    public void Apply_CreatedAgainWithNewId_DropsAsAlreadyCreated()
    {
        var scenario = new Scenario();

        scenario.AssertDropped(new ExecutionCreated("other", "exec-1", Scenario.DefaultPolicy), DropReasons.AlreadyCreated);
    }

    [Fact]
    public void Apply_CreatedRedelivered_DropsAsDuplicate()
    {
        var scenario = new Scenario();

        scenario.AssertDropped(new ExecutionCreated("evt-1", "exec-1", Scenario.DefaultPolicy), DropReasons.DuplicateEvent);
    }

    public static TheoryData<ExecutionEvent> EventsOtherThanCreated => new()
    {
        new RunnerStarted("e", 1),
        new ProgressReported("e", 1, "inProgress", 10, "hi"),
        new AttemptSucceeded("e", 1, null),
        new AttemptFailed("e", 1, Scenario.Boom, false),
        new AttemptReleased("e", 1),
        new TimerElapsed("e", TimerKind.Retry, 1, Scenario.T0, 1),
        new TerminateRequested("e", "alice", null),
        new RerunRequested("e", "alice"),
        new ExecutionAborted("e", "gone"),
    };

    [Theory]
    [MemberData(nameof(EventsOtherThanCreated))]
    public void Apply_EventWithoutState_DropsAsUnknownExecution(ExecutionEvent evt)
    {
        var decision = ExecutionOrchestrator.Apply(null, evt, Scenario.T0);

        Assert.True(decision.IsDropped);
        Assert.Null(decision.State);
        Assert.Equal(DropReasons.UnknownExecution, decision.Dropped);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Commands);
    }

    [Fact]
    public void Apply_StartedQueuedAttempt_RecordsInProgressWithoutTimer()
    {
        var scenario = new Scenario().Advance(100);

        var decision = scenario.Accept(scenario.Started());

        // The runner enforces the attempt's timeout, so starting parks no durable timer.
        var start = Scenario.T0.AddSeconds(100);
        Assert.Equal(new StatusEntry(start, "in-progress", "attempt 1 of 3 started", null, null, null), Assert.Single(decision.Entries));
        Assert.Empty(decision.Commands);
        Assert.Equal(ExecutionStatus.InProgress, scenario.State.Status);
        Assert.Equal(ExecutionPhase.Running, scenario.State.Phase);
        Assert.Equal(start, scenario.State.StartedAt);
        Assert.Null(scenario.State.Timer);
        Assert.Equal(0, scenario.State.TimerSequence);
        Assert.Equal(2, scenario.State.HistoryCount);
    }

    [Fact]
    public void Apply_StartedTwice_DropsAsAlreadyStarted()
    {
        var scenario = new Scenario().Start();

        scenario.AssertDropped(scenario.Started(), DropReasons.AlreadyStarted);
    }

    [Fact]
    public void Apply_StartedAfterFailedAttempt_DropsAsAttemptEnded()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Started(), DropReasons.AttemptEnded);
    }

    [Fact]
    public void Apply_StartedForEarlierAttempt_DropsAsStaleAttempt()
    {
        var scenario = new Scenario().Start().FailAndRetry();

        scenario.AssertDropped(scenario.Started(attempt: 1), DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_StartedForUndispatchedAttempt_DropsAsUnknownAttempt()
    {
        var scenario = new Scenario();

        scenario.AssertDropped(scenario.Started(attempt: 2), DropReasons.UnknownAttempt);
    }

    [Fact]
    public void Apply_StartedAfterRetry_CountsSecondAttempt()
    {
        var scenario = new Scenario().Start().FailAndRetry();

        var decision = scenario.Accept(scenario.Started());

        Assert.Equal("attempt 2 of 3 started", Assert.Single(decision.Entries).Message);
        Assert.Equal((2, 2), (scenario.State.Attempt, scenario.State.Attempts));
    }

    [Fact]
    public void Apply_EarlierClockThanLastUpdate_KeepsTimestampsMonotonic()
    {
        var scenario = new Scenario().Advance(10).Start().Advance(-8);

        var decision = scenario.Accept(scenario.Progress(50));

        Assert.Equal(Scenario.T0.AddSeconds(10), Assert.Single(decision.Entries).Timestamp);
        Assert.Equal(Scenario.T0.AddSeconds(10), scenario.State.UpdatedAt);
    }
}
