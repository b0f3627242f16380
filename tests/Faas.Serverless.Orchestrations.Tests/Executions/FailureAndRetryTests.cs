using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>
/// A failed attempt with attempts left writes a <c>failed</c> entry (the attempt's outcome, with its error) and
/// a <c>created</c> entry (the pending retry), so the execution's status is never <c>failed</c> while a retry
/// is pending.
/// </summary>
public sealed class FailureAndRetryTests
{
    [Fact]
    public void Apply_FailedWithAttemptsLeft_RecordsFailedThenCreatedRetryingAndSchedulesRetry()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(40));
        scenario.Advance(7);

        var decision = scenario.Accept(scenario.Failed());

        Assert.Equal(
            [
                new StatusEntry(scenario.Now, "failed", "attempt 1 of 3 failed", 40, Scenario.Boom, null),
                new StatusEntry(scenario.Now, "created", "retrying in 2 s (attempt 2 of 3)", null, null, null),
            ],
            decision.Entries);
        Assert.Equal(
            [new ScheduleTimer(TimerKind.Retry, 1, scenario.Now.AddSeconds(2), 1)],
            decision.Commands);
        var state = scenario.State;
        Assert.Equal((ExecutionStatus.Created, ExecutionPhase.RetryPending), (state.Status, state.Phase));
        Assert.Equal((1, 1), (state.Attempt, state.Attempts));
        Assert.Equal(new PendingTimer(TimerKind.Retry, 1, scenario.Now.AddSeconds(2), 1), state.Timer);
        Assert.Equal(Scenario.Boom, state.Error);
        Assert.Null(state.PercentComplete);
        Assert.Equal(7, state.Duration);
    }

    [Fact]
    public void Apply_RetryDue_DispatchesNextAttemptWithoutEntry()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());
        scenario.Advance(2);

        var decision = scenario.Accept(scenario.PendingTimer());

        Assert.Empty(decision.Entries);
        Assert.Equal([new DispatchAttempt(2)], decision.Commands);
        var state = scenario.State;
        Assert.Equal((2, 2, ExecutionPhase.Queued, ExecutionStatus.Created), (state.Attempt, state.Attempts, state.Phase, state.Status));
        Assert.Null(state.Timer);
    }

    [Fact]
    public void Apply_RetryDueDeliveredLate_StillDispatchesNextAttempt()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());
        scenario.Advance(3600);

        var decision = scenario.Accept(scenario.PendingTimer());

        Assert.Equal([new DispatchAttempt(2)], decision.Commands);
        Assert.Equal((2, ExecutionPhase.Queued), (scenario.State.Attempt, scenario.State.Phase));
    }

    /// <summary>The runner enforces the timeout and reports it as a failed attempt (its EventFactory.TimedOut).</summary>
    [Fact]
    public void Apply_TimeoutReportedByRunner_FailsAttemptAndRetries()
    {
        var timeout = new ErrorInfo("TimeoutError", "The call exceeded its timeout of 60 s and was terminated by the runner.", null);
        var scenario = new Scenario().Start().Advance(60);

        var decision = scenario.Accept(scenario.Failed(timeout));

        Assert.Equal(
            [
                new StatusEntry(scenario.Now, "failed", "attempt 1 of 3 failed", null, timeout, null),
                new StatusEntry(scenario.Now, "created", "retrying in 2 s (attempt 2 of 3)", null, null, null),
            ],
            decision.Entries);
        Assert.Equal([new ScheduleTimer(TimerKind.Retry, 1, scenario.Now.AddSeconds(2), 1)], decision.Commands);
        Assert.Equal((timeout, 60.0), (scenario.State.Error, scenario.State.Duration));
    }

    [Fact]
    public void Apply_RetryDueRedelivered_DropsAsDuplicate()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());
        var retry = scenario.PendingTimer();
        scenario.Accept(retry);

        scenario.AssertDropped(retry, DropReasons.DuplicateEvent);
    }

    [Fact]
    public void Apply_RetryDueTwiceUnderAnotherId_DropsAsStaleAttempt()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());
        var retry = scenario.PendingTimer();
        scenario.Accept(retry);

        scenario.AssertDropped(new TimerElapsed("other-id", retry.Kind, retry.Attempt, retry.DueAt, retry.Sequence), DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_FailedLastAttempt_FinishesFailed()
    {
        var scenario = new Scenario().Start().FailAndRetry().Start().FailAndRetry().Start();

        var decision = scenario.Accept(scenario.Failed());

        Assert.Equal(new StatusEntry(scenario.Now, "failed", "attempt 3 of 3 failed", null, Scenario.Boom, null), Assert.Single(decision.Entries));
        Assert.Equal([new NotifyFinished(ExecutionStatus.Failed)], decision.Commands);
        Assert.Equal((ExecutionStatus.Failed, ExecutionPhase.Finished, 3, 3), (scenario.State.Status, scenario.State.Phase, scenario.State.Attempt, scenario.State.Attempts));
        Assert.Equal(Scenario.Boom, scenario.State.Error);
        Assert.Equal(scenario.Now, scenario.State.FinishedAt);
    }

    [Fact]
    public void Apply_FailedWithSingleAttemptPolicy_FinishesFailedAtOnce()
    {
        var scenario = new Scenario(new ExecutionPolicy(1, 60)).Start();

        var decision = scenario.Accept(scenario.Failed());

        Assert.Equal("attempt 1 of 1 failed", Assert.Single(decision.Entries).Message);
        Assert.Equal(ExecutionStatus.Failed, scenario.State.Status);
    }

    [Fact]
    public void Apply_FailedInterruptedWithoutTerminationRequest_RetriesAsInterrupted()
    {
        var scenario = new Scenario().Start();

        var decision = scenario.Accept(scenario.Failed(terminated: true));

        Assert.Equal(["attempt 1 of 3 was interrupted", "retrying in 2 s (attempt 2 of 3)"], decision.Entries.Select(e => e.Message));
        Assert.Equal(ExecutionPhase.RetryPending, scenario.State.Phase);
    }

    [Fact]
    public void Apply_FailedBeforeStarted_SchedulesRetryWithoutCancellingAnything()
    {
        var scenario = new Scenario();

        var decision = scenario.Accept(scenario.Failed());

        Assert.Equal([new ScheduleTimer(TimerKind.Retry, 1, scenario.Now.AddSeconds(2), 1)], decision.Commands);
    }

    [Fact]
    public void Apply_FailedTwiceForSameAttempt_DropsSecondAsAttemptEnded()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Failed(new ErrorInfo("OtherError", "again", null)), DropReasons.AttemptEnded);
    }

    [Fact]
    public void Apply_RetryTimerOfEarlierSequence_DropsAsStaleTimer()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());
        var retry = scenario.PendingTimer();

        scenario.AssertDropped(new TimerElapsed("forged", retry.Kind, retry.Attempt, retry.DueAt, retry.Sequence - 1), DropReasons.StaleTimer);
        scenario.AssertDropped(new TimerElapsed("early", retry.Kind, retry.Attempt, retry.DueAt.AddSeconds(-1), retry.Sequence), DropReasons.StaleTimer);
    }

    [Fact]
    public void Apply_ManyFailures_BacksOffExponentiallyUpToCap()
    {
        var scenario = new Scenario(new ExecutionPolicy(12, 60, retryBackoffBaseSeconds: 2, retryBackoffMaxSeconds: 300));
        var delays = new List<double>();

        while (!scenario.State.IsFinal)
        {
            scenario.Start();
            scenario.Accept(scenario.Failed());
            if (scenario.State.Timer is { Kind: TimerKind.Retry } timer)
            {
                delays.Add((timer.DueAt - scenario.Now).TotalSeconds);
                scenario.Advance(delays[^1]);
                scenario.Accept(scenario.PendingTimer());
            }
        }

        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300], delays);
        Assert.Equal((12, 12, ExecutionStatus.Failed), (scenario.State.Attempt, scenario.State.Attempts, scenario.State.Status));
        Assert.Equal(1, scenario.History.Count(e => e.Status == "failed" && e.Message == "attempt 12 of 12 failed"));
    }
}
