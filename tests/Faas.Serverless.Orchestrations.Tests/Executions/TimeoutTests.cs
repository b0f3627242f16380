using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class TimeoutTests
{
    private static readonly ErrorInfo _timeoutError = new("TimeoutError", "execution exceeded its timeout of 60 s", null);

    [Fact]
    public void Apply_TimeoutOfRunningAttempt_FailsWithTimeoutErrorSignalsRunnerAndRetries()
    {
        var scenario = new Scenario().Start().Advance(60);

        var decision = scenario.Accept(scenario.PendingTimer());

        Assert.Equal(
            [
                new StatusEntry(scenario.Now, "failed", "attempt 1 of 3 timed out", null, _timeoutError, null),
                new StatusEntry(scenario.Now, "created", "retrying in 2 s (attempt 2 of 3)", null, null, null),
            ],
            decision.Entries);
        Assert.Equal([new SignalTermination(1), new ScheduleTimer(TimerKind.Retry, 1, scenario.Now.AddSeconds(2), 2)], decision.Commands);
        Assert.Equal(_timeoutError, scenario.State.Error);
        Assert.Equal(60, scenario.State.Duration);
    }

    [Fact]
    public void Apply_TimeoutOfLastAttempt_FinishesFailed()
    {
        var scenario = new Scenario(new ExecutionPolicy(2, 60)).Start().FailAndRetry().Start().Advance(60);

        var decision = scenario.Accept(scenario.PendingTimer());

        Assert.Equal(new StatusEntry(scenario.Now, "failed", "attempt 2 of 2 timed out", null, _timeoutError, null), Assert.Single(decision.Entries));
        Assert.Equal([new SignalTermination(2), new NotifyFinished(ExecutionStatus.Failed)], decision.Commands);
        Assert.Equal(ExecutionStatus.Failed, scenario.State.Status);
    }

    [Fact]
    public void Apply_TimeoutAfterSuccess_DropsAsAlreadyFinal()
    {
        var scenario = new Scenario().Start();
        var timeout = scenario.PendingTimer();
        scenario.Accept(scenario.Succeeded());

        scenario.AssertDropped(timeout, DropReasons.AlreadyFinal);
    }

    [Fact]
    public void Apply_TimeoutOfEarlierAttempt_DropsAsStaleAttempt()
    {
        var scenario = new Scenario().Start();
        var timeout = scenario.PendingTimer();
        scenario.FailAndRetry().Start();

        scenario.AssertDropped(timeout, DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_TimeoutAfterFailedAttempt_DropsAsStaleTimer()
    {
        var scenario = new Scenario().Start();
        var timeout = scenario.PendingTimer();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(timeout, DropReasons.StaleTimer);
    }

    [Fact]
    public void Apply_TimeoutCancelledByReleaseAtSameInstant_DropsAsStaleTimer()
    {
        var scenario = new Scenario().Start();
        var first = scenario.PendingTimer();
        scenario.Accept(scenario.Released());
        scenario.Start();

        Assert.Equal(first.DueAt, scenario.State.Timer!.DueAt);
        scenario.AssertDropped(first, DropReasons.StaleTimer);
        Assert.Equal(ExecutionPhase.Running, scenario.State.Phase);
    }

    [Fact]
    public void Apply_TimeoutReplacedByTerminationGrace_DropsAsStaleTimer()
    {
        var scenario = new Scenario().Start();
        var timeout = scenario.PendingTimer();
        scenario.Accept(scenario.Terminate());

        scenario.AssertDropped(timeout, DropReasons.StaleTimer);
    }

    [Fact]
    public void Apply_TimeoutWhileQueued_DropsAsStaleTimerSinceNoneIsArmed()
    {
        var scenario = new Scenario().Advance(100_000);

        Assert.Null(scenario.State.Timer);
        scenario.AssertDropped(new TimerElapsed("t", TimerKind.Timeout, 1, Scenario.T0.AddSeconds(60), 1), DropReasons.StaleTimer);
    }

    [Fact]
    public void Apply_DelayedTimerDelivery_StillAccepted()
    {
        var scenario = new Scenario().Start().Advance(3600);

        var decision = scenario.Accept(scenario.PendingTimer());

        Assert.Equal("attempt 1 of 3 timed out", decision.Entries[0].Message);
    }
}
