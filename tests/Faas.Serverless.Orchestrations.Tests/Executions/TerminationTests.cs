using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>
/// Not running: <c>terminated</c> at once. Running: <c>toTerminate</c>, the runner is signalled, and the
/// execution ends when the runner reports (failed → terminated, succeeded → success, released → terminated)
/// or when the termination grace runs out (terminated).
/// </summary>
public sealed class TerminationTests
{
    [Fact]
    public void Apply_TerminateQueued_FinishesTerminatedAtOnce()
    {
        var scenario = new Scenario();

        var decision = scenario.Accept(scenario.Terminate("alice", "stuck"));

        Assert.Equal(new StatusEntry(scenario.Now, "terminated", "terminated on request by alice: stuck", null, null, null), Assert.Single(decision.Entries));
        Assert.Equal([new SignalTermination(1), new NotifyFinished(ExecutionStatus.Terminated)], decision.Commands);
        Assert.True(scenario.State.ToTerminate);
        Assert.Equal(new TerminationRequest("alice", "stuck", scenario.Now), scenario.State.Termination);
        Assert.Equal(ExecutionPhase.Finished, scenario.State.Phase);
    }

    [Fact]
    public void Apply_TerminateRetryPending_FinishesAndCancelsRetry()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        var decision = scenario.Accept(scenario.Terminate());

        Assert.Equal("terminated", Assert.Single(decision.Entries).Status);
        Assert.Equal([new CancelTimer(TimerKind.Retry, 1, 1), new NotifyFinished(ExecutionStatus.Terminated)], decision.Commands);
        Assert.Equal(1, scenario.State.Attempts);
    }

    [Fact]
    public void Apply_TerminateRunning_MarksToTerminateSignalsRunnerAndArmsGrace()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(20));

        var decision = scenario.Accept(scenario.Terminate("alice", "stuck"));

        Assert.Equal(new StatusEntry(scenario.Now, "in-progress", "termination requested by alice: stuck", 20, null, null), Assert.Single(decision.Entries));
        Assert.Equal(
            [
                new SignalTermination(1),
                new ScheduleTimer(TimerKind.TerminationGrace, 1, scenario.Now.AddSeconds(60), 1),
            ],
            decision.Commands);
        Assert.Equal((ExecutionStatus.InProgress, true), (scenario.State.Status, scenario.State.ToTerminate));
        Assert.False(scenario.State.IsActiveAttempt(1));
    }

    [Fact]
    public void Apply_TerminateTwiceWhileRunning_DropsAsAlreadyTerminating()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());

        scenario.AssertDropped(scenario.Terminate("carol", "really"), DropReasons.AlreadyTerminating);
    }

    [Theory]
    [InlineData(ExecutionStatus.Success)]
    [InlineData(ExecutionStatus.Failed)]
    [InlineData(ExecutionStatus.Terminated)]
    [InlineData(ExecutionStatus.Aborted)]
    [InlineData(ExecutionStatus.SystemFailure)]
    public void Apply_TerminateFinal_DropsAsAlreadyFinal(ExecutionStatus status)
    {
        var scenario = Scenario.InStatus(status);

        scenario.AssertDropped(scenario.Terminate(), DropReasons.AlreadyFinal);
    }

    [Fact]
    public void Apply_FailedAfterTerminateRequest_FinishesTerminatedDespiteAttemptsLeft()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());
        scenario.Advance(3);

        var decision = scenario.Accept(scenario.Failed(terminated: true));

        Assert.Equal(new StatusEntry(scenario.Now, "terminated", "terminated on request by alice: stuck", null, Scenario.Boom, null), Assert.Single(decision.Entries));
        Assert.Equal([new CancelTimer(TimerKind.TerminationGrace, 1, 1), new NotifyFinished(ExecutionStatus.Terminated)], decision.Commands);
        Assert.Equal((ExecutionStatus.Terminated, 1), (scenario.State.Status, scenario.State.Attempts));
    }

    [Fact]
    public void Apply_SucceededAfterTerminateRequest_FinishesSuccessSayingSo()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());

        var decision = scenario.Accept(scenario.Succeeded());

        var entry = Assert.Single(decision.Entries);
        Assert.Equal(("success", "finished before the termination request took effect"), (entry.Status, entry.Message));
        Assert.Equal([new CancelTimer(TimerKind.TerminationGrace, 1, 1), new NotifyFinished(ExecutionStatus.Success)], decision.Commands);
        Assert.True(scenario.State.ToTerminate);
    }

    [Fact]
    public void Apply_ReleasedAfterTerminateRequest_FinishesTerminatedWithoutRequeue()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());

        var decision = scenario.Accept(scenario.Released());

        Assert.Equal("terminated", Assert.Single(decision.Entries).Status);
        Assert.Equal([new CancelTimer(TimerKind.TerminationGrace, 1, 1), new NotifyFinished(ExecutionStatus.Terminated)], decision.Commands);
    }

    [Fact]
    public void Apply_GraceElapsedWithoutRunnerReport_FinishesTerminated()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());
        scenario.Advance(60);

        var decision = scenario.Accept(scenario.PendingTimer());

        Assert.Equal(
            new StatusEntry(scenario.Now, "terminated", "terminated on request by alice: stuck; the runner did not confirm within 60 s", null, null, null),
            Assert.Single(decision.Entries));
        Assert.Equal([new SignalTermination(1), new NotifyFinished(ExecutionStatus.Terminated)], decision.Commands);
        Assert.Equal(60, scenario.State.Duration);
    }

    [Fact]
    public void Apply_ProgressWhileTerminating_StaysInProgress()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());

        var decision = scenario.Accept(scenario.Progress(60, "cleaning up"));

        Assert.Equal("in-progress", Assert.Single(decision.Entries).Status);
        Assert.Equal(TimerKind.TerminationGrace, scenario.State.Timer!.Kind);
    }

    [Fact]
    public void Apply_RunnerReportAfterGraceElapsed_DropsAsAlreadyFinal()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());
        scenario.Accept(scenario.PendingTimer());

        scenario.AssertDropped(scenario.Failed(terminated: true), DropReasons.AlreadyFinal);
    }

    [Theory]
    [InlineData(null, null, "terminated on request")]
    [InlineData("alice", null, "terminated on request by alice")]
    [InlineData(null, "wrong input", "terminated on request: wrong input")]
    [InlineData("alice", "wrong input", "terminated on request by alice: wrong input")]
    public void Apply_TerminateWithOptionalRequesterAndReason_SaysWhoAndWhy(string? by, string? reason, string expected)
    {
        var scenario = new Scenario();

        var decision = scenario.Accept(scenario.Terminate(by, reason));

        Assert.Equal(expected, Assert.Single(decision.Entries).Message);
    }
}
