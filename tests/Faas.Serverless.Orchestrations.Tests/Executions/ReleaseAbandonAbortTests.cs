using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class ReleaseAbandonAbortTests
{
    [Fact]
    public void Apply_ReleasedRunningAttempt_RequeuesSameAttemptWithoutCounting()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(35));
        scenario.Advance(20);

        var decision = scenario.Accept(scenario.Released());

        Assert.Equal(new StatusEntry(scenario.Now, "created", "released by the runner; queued again (attempt 1 of 3)", null, null, null), Assert.Single(decision.Entries));
        Assert.Equal([new DispatchAttempt(1)], decision.Commands);
        var state = scenario.State;
        Assert.Equal((1, 1, ExecutionPhase.Queued, ExecutionStatus.Created), (state.Attempt, state.Attempts, state.Phase, state.Status));
        Assert.Null(state.PercentComplete);
        Assert.Null(state.StartedAt);
        Assert.Equal(20, state.Duration);
    }

    [Fact]
    public void Apply_ReleasedQueuedAttempt_RequeuesIt()
    {
        var scenario = new Scenario();

        var decision = scenario.Accept(scenario.Released());

        Assert.Equal([new DispatchAttempt(1)], decision.Commands);
        Assert.Equal(ExecutionPhase.Queued, scenario.State.Phase);
    }

    [Fact]
    public void Apply_ReleasedThenStartedElsewhere_RunsSameAttempt()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Released());

        var decision = scenario.Accept(scenario.Started());

        Assert.Equal("attempt 1 of 3 started", Assert.Single(decision.Entries).Message);
        Assert.Empty(decision.Commands);
        Assert.Equal((ExecutionPhase.Running, scenario.Now), (scenario.State.Phase, scenario.State.StartedAt!.Value));
        Assert.Null(scenario.State.Timer);
    }

    [Fact]
    public void Apply_ReleasedAfterFailedAttempt_DropsAsAttemptEnded()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Released(), DropReasons.AttemptEnded);
    }

    [Fact]
    public void Apply_ReleasedOfEarlierAttempt_DropsAsStaleAttempt()
    {
        var scenario = new Scenario().Start().FailAndRetry();

        scenario.AssertDropped(scenario.Released(attempt: 1), DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_AbandonedRunningAttempt_FinishesWithSystemFailureWithoutRetry()
    {
        var scenario = new Scenario().Start();

        var decision = scenario.Accept(scenario.Abandoned());

        var entry = Assert.Single(decision.Entries);
        Assert.Equal(("system-failure", "attempt 1 of 3 was abandoned by the platform", "PoisonedWorkItem"), (entry.Status, entry.Message, entry.Error!.Type));
        Assert.Equal(
            [new SignalTermination(1), new NotifyFinished(ExecutionStatus.SystemFailure)],
            decision.Commands);
        Assert.Equal((ExecutionStatus.SystemFailure, 1), (scenario.State.Status, scenario.State.Attempts));
    }

    [Fact]
    public void Apply_AbandonedAfterFailedAttempt_DropsAsAttemptEnded()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Abandoned(), DropReasons.AttemptEnded);
    }

    [Fact]
    public void Apply_AbortedWhileRunning_SignalsRunnerAndFinishesAborted()
    {
        var scenario = new Scenario().Start();

        var decision = scenario.Accept(scenario.Abort("service deleted"));

        Assert.Equal(new StatusEntry(scenario.Now, "aborted", "aborted: service deleted", null, null, null), Assert.Single(decision.Entries));
        Assert.Equal(
            [new SignalTermination(1), new NotifyFinished(ExecutionStatus.Aborted)],
            decision.Commands);
    }

    [Fact]
    public void Apply_AbortedWhileQueued_SignalsAndFinishes()
    {
        var scenario = new Scenario();

        var decision = scenario.Accept(scenario.Abort());

        Assert.Equal([new SignalTermination(1), new NotifyFinished(ExecutionStatus.Aborted)], decision.Commands);
    }

    [Fact]
    public void Apply_AbortedWhileRetryPending_CancelsRetry()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        var decision = scenario.Accept(scenario.Abort());

        Assert.Equal([new CancelTimer(TimerKind.Retry, 1, 1), new NotifyFinished(ExecutionStatus.Aborted)], decision.Commands);
        Assert.Null(scenario.State.Error);
    }
}
