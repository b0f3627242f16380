using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>A batch of events is one change: the same outcome as applying them one by one, dropped only when all were.</summary>
public sealed class ApplyAllTests
{
    [Fact]
    public void ApplyAll_SeveralEvents_EqualsApplyingThemOneByOne()
    {
        var oneByOne = new Scenario().Start();
        var batched = new Scenario().Start();
        var now = oneByOne.Now;
        var retry = new ScheduleTimer(TimerKind.Retry, 1, now.AddSeconds(2), 1);
        ExecutionEvent[] events =
        [
            oneByOne.Progress(40, "loading"),
            oneByOne.Progress(80),
            oneByOne.Failed(),
            retry.ToEvent(),
            oneByOne.Started(attempt: 2),
            oneByOne.Succeeded(attempt: 2),
        ];
        var expected = events.Select(oneByOne.Accept).ToList();

        var decision = ExecutionOrchestrator.ApplyAll(batched.State, events, now);

        Assert.False(decision.IsDropped);
        Assert.Null(decision.Dropped);
        Assert.Equal(Json.Serialize(oneByOne.State), Json.Serialize(decision.State));
        Assert.Equal(expected.SelectMany(d => d.Entries), decision.Entries);
        Assert.Equal(expected.SelectMany(d => d.Commands), decision.Commands);
        Assert.Equal([retry, new DispatchAttempt(2), new NotifyFinished(ExecutionStatus.Success)], decision.Commands);
        Assert.Equal(batched.State.HistoryCount + 6, decision.State.HistoryCount);
        Assert.Equal([.. batched.State.RecentEventIds, .. events.Select(e => e.EventId)], decision.State.RecentEventIds);
    }

    [Fact]
    public void ApplyAll_CreationAndStartWithoutState_EqualsApplyingThemOneByOne()
    {
        ExecutionEvent[] events =
        [
            new ExecutionCreated("create", "exec-1", Scenario.DefaultPolicy),
            new RunnerStarted("start", 1),
            new ProgressReported("progress", 1, "inProgress", 10, "warming up"),
        ];
        ExecutionState? state = null;
        var expected = new List<Decision>();
        foreach (var evt in events)
        {
            expected.Add(ExecutionOrchestrator.Apply(state, evt, Scenario.T0));
            state = expected[^1].State;
        }

        var decision = ExecutionOrchestrator.ApplyAll(null, events, Scenario.T0);

        Assert.False(decision.IsDropped);
        Assert.Equal(Json.Serialize(state), Json.Serialize(decision.State));
        Assert.Equal(expected.SelectMany(d => d.Entries), decision.Entries);
        Assert.Equal([new DispatchAttempt(1)], decision.Commands);
        Assert.Equal(["created", "in-progress", "in-progress"], decision.Entries.Select(e => e.Status));
    }

    [Fact]
    public void ApplyAll_EveryEventDropped_ReturnsDroppedDecisionWithSameState()
    {
        var scenario = new Scenario();
        var start = scenario.Started();
        scenario.Accept(start);
        var before = scenario.State;
        ExecutionEvent[] events =
        [
            start,
            scenario.Progress(90, "late", attempt: 2),
            scenario.Progress(null),
            new ExecutionCreated("again", "exec-1", Scenario.DefaultPolicy),
        ];

        var decision = ExecutionOrchestrator.ApplyAll(before, events, scenario.Now.AddSeconds(5));

        Assert.True(decision.IsDropped);
        Assert.Equal(DropReasons.NoChange, decision.Dropped);
        Assert.Same(before, decision.State);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Commands);
    }

    [Fact]
    public void ApplyAll_NoEvents_ReturnsDroppedDecisionWithSameState()
    {
        var scenario = new Scenario().Start();

        var decision = ExecutionOrchestrator.ApplyAll(scenario.State, [], scenario.Now);

        Assert.Equal(DropReasons.NoChange, decision.Dropped);
        Assert.Same(scenario.State, decision.State);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Commands);
    }

    [Theory]
    [InlineData("seen,fresh")]
    [InlineData("fresh,seen")]
    [InlineData("fresh,fresh")]
    [InlineData("seen,fresh,seen,fresh")]
    public void ApplyAll_DuplicateAndNewEvent_KeepsOnlyNewEventsEntries(string order)
    {
        var scenario = new Scenario().Start();
        var seen = scenario.Progress(40, "loading");
        scenario.Accept(seen);
        var fresh = scenario.Progress(60, "halfway");
        var before = scenario.State;
        var events = order.Split(',').Select(name => name == "seen" ? seen : fresh).ToList();

        var decision = ExecutionOrchestrator.ApplyAll(before, events, scenario.Now);

        Assert.False(decision.IsDropped);
        Assert.Equal([new StatusEntry(scenario.Now, "in-progress", "halfway", 60, null, null)], decision.Entries);
        Assert.Empty(decision.Commands);
        Assert.Equal(Json.Serialize(ExecutionOrchestrator.Apply(before, fresh, scenario.Now).State), Json.Serialize(decision.State));
        Assert.Equal(before.HistoryCount + 1, decision.State.HistoryCount);
        Assert.Equal([.. before.RecentEventIds, fresh.EventId], decision.State.RecentEventIds);
    }

    [Fact]
    public void ApplyAll_NullEvents_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ExecutionOrchestrator.ApplyAll(null, null!, Scenario.T0));
    }
}
