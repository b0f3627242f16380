using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class DuplicateAndFinalTests
{
    public static TheoryData<string> EventKinds =>
        ["started", "progress", "succeeded", "failed", "released", "abandoned", "timer", "terminate", "rerun", "aborted"];

    [Theory]
    [MemberData(nameof(EventKinds))]
    public void Apply_AcceptedEventRedelivered_DropsAsDuplicate(string kind)
    {
        var scenario = new Scenario();
        var evt = Prepare(scenario, kind);
        scenario.Accept(evt);

        scenario.AssertDropped(evt, DropReasons.DuplicateEvent);
    }

    [Theory]
    [MemberData(nameof(EventKinds))]
    public void Apply_AnyEventButRerunAfterFinal_DropsAsAlreadyFinal(string kind)
    {
        var evt = Prepare(new Scenario(idPrefix: "other"), kind);
        if (evt is RerunRequested)
        {
            return;
        }

        var final = Scenario.InStatus(ExecutionStatus.Success);
        var stateBefore = final.State;
        var decision = ExecutionOrchestrator.Apply(stateBefore, evt, final.Now);

        Assert.Equal(DropReasons.AlreadyFinal, decision.Dropped);
        Assert.Same(stateBefore, decision.State);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Commands);
    }

    [Fact]
    public void Apply_MoreThanRememberedEvents_ForgetsOldestIds()
    {
        var scenario = new Scenario().Start();
        var first = scenario.Progress(null, "message 0");
        scenario.Accept(first);
        for (var i = 1; i < ExecutionOrchestrator.RememberedEventIds; i++)
        {
            scenario.Accept(scenario.Progress(null, $"message {i}"));
        }

        Assert.Equal(ExecutionOrchestrator.RememberedEventIds, scenario.State.RecentEventIds.Count);
        Assert.DoesNotContain("evt-1", scenario.State.RecentEventIds);
        Assert.Equal(first.EventId, scenario.State.RecentEventIds[0]);
        scenario.AssertDropped(first, DropReasons.DuplicateEvent);

        scenario.Accept(scenario.Progress(null, "one more"));

        Assert.DoesNotContain(first.EventId, scenario.State.RecentEventIds);
        Assert.Equal(ExecutionOrchestrator.RememberedEventIds, scenario.State.RecentEventIds.Count);
    }

    [Fact]
    public void Apply_DroppedEvent_IsNotRemembered()
    {
        var scenario = new Scenario().Start();
        var early = scenario.Progress(2);
        scenario.Accept(scenario.Progress(0));
        scenario.AssertDropped(early, DropReasons.NoChange);

        Assert.DoesNotContain(early.EventId, scenario.State.RecentEventIds);
    }

    [Fact]
    public void Apply_SameInputTwice_GivesEqualDecisions()
    {
        var scenario = new Scenario().Start();
        var evt = scenario.Failed();

        var first = ExecutionOrchestrator.Apply(scenario.State, evt, scenario.Now);
        var second = ExecutionOrchestrator.Apply(scenario.State, evt, scenario.Now);

        Assert.Equal(Json.Serialize(first), Json.Serialize(second));
        Assert.Equal(first.Entries, second.Entries);
        Assert.Equal(first.Commands, second.Commands);
    }

    [Fact]
    public void Apply_NullEvent_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ExecutionOrchestrator.Apply(null, null!, Scenario.T0));
    }

    /// <summary>Brings the scenario to where an event of <paramref name="kind"/> is accepted, and builds it.</summary>
    private static ExecutionEvent Prepare(Scenario scenario, string kind)
    {
        if (kind is "progress" or "succeeded" or "failed" or "released" or "abandoned" or "timer" or "terminate")
        {
            scenario.Start();
        }

        if (kind == "timer")
        {
            // A running attempt waits on no timer; its failure arms the retry.
            scenario.Accept(scenario.Failed());
        }

        if (kind == "rerun")
        {
            scenario.Accept(scenario.Abort());
        }

        return kind switch
        {
            "started" => scenario.Started(),
            "progress" => scenario.Progress(50, "half"),
            "succeeded" => scenario.Succeeded(),
            "failed" => scenario.Failed(),
            "released" => scenario.Released(),
            "abandoned" => scenario.Abandoned(),
            "timer" => scenario.PendingTimer(),
            "terminate" => scenario.Terminate(),
            "rerun" => scenario.Rerun(),
            _ => scenario.Abort(),
        };
    }
}
