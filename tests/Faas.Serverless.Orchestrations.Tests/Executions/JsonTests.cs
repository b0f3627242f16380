using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class JsonTests
{
    [Fact]
    public void Serialize_StateWithEveryFieldSet_RoundTrips()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(40, "working"));
        scenario.Accept(scenario.Failed());
        scenario.Accept(scenario.PendingTimer());
        scenario.Start().Accept(scenario.Terminate("alice", "stuck"));
        using var output = JsonDocument.Parse("""{"labels":["cat",1.5,null]}""");
        scenario.Accept(scenario.Succeeded(output.RootElement));

        AssertRoundTrips(scenario.State, Json.Options);
        AssertRoundTrips(scenario.State, JsonSerializerOptions.Default);
    }

    [Fact]
    public void Serialize_State_UsesWireNamesForEnums()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Terminate());

        var json = JsonNode.Parse(Json.Serialize(scenario.State))!;

        Assert.Equal("in-progress", (string?)json["status"]);
        Assert.Equal("running", (string?)json["phase"]);
        Assert.Equal("termination-grace", (string?)json["timer"]!["kind"]);
        Assert.Null(json["toTerminate"]);
        Assert.Equal("system-failure", JsonSerializer.Serialize(ExecutionStatus.SystemFailure).Trim('"'));
        Assert.Equal("retry-pending", JsonSerializer.Serialize(ExecutionPhase.RetryPending).Trim('"'));
    }

    public static TheoryData<ExecutionEvent, string> Events => new()
    {
        { new ExecutionCreated("e1", "x", new ExecutionPolicy(3, 60, 1, 10, 5)), "created" },
        { new RunnerStarted("e2", 1), "started" },
        { new ProgressReported("e3", 1, "inProgress", 40, "hi"), "progress" },
        { new AttemptSucceeded("e4", 1, JsonDocument.Parse("[1,2]").RootElement), "succeeded" },
        { new AttemptFailed("e5", 2, Scenario.Boom, true), "failed" },
        { new AttemptReleased("e6", 1), "released" },
        { new AttemptAbandoned("e7", 1, Scenario.Boom), "abandoned" },
        { new TimerElapsed("e8", TimerKind.Retry, 2, Scenario.T0, 4), "timer" },
        { new TerminateRequested("e9", "alice", null), "terminate" },
        { new RerunRequested("e10", null), "rerun" },
        { new ExecutionAborted("e11", "service deleted"), "aborted" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Serialize_Event_RoundTripsWithTypeDiscriminator(ExecutionEvent evt, string type)
    {
        var json = Json.Serialize(evt);

        Assert.Equal(type, (string?)JsonNode.Parse(json)!["type"]);
        var back = Json.Deserialize<ExecutionEvent>(json);
        Assert.Equal(evt.GetType(), back.GetType());
        Assert.Equal(evt.EventId, back.EventId);
        Assert.Equal(json, Json.Serialize(back));
    }

    public static TheoryData<ExecutionCommand, string> Commands => new()
    {
        { new DispatchAttempt(3), "dispatch" },
        { new ScheduleTimer(TimerKind.TerminationGrace, 3, Scenario.T0, 7), "schedule-timer" },
        { new CancelTimer(TimerKind.Retry, 3, 6), "cancel-timer" },
        { new SignalTermination(3), "signal-termination" },
        { new NotifyFinished(ExecutionStatus.SystemFailure), "notify-finished" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Serialize_Command_RoundTripsWithTypeDiscriminator(ExecutionCommand command, string type)
    {
        var json = Json.Serialize(command);

        Assert.Equal(type, (string?)JsonNode.Parse(json)!["type"]);
        Assert.Equal(command, Json.Deserialize<ExecutionCommand>(json));
    }

    [Fact]
    public void ToEvent_ScheduledTimer_EchoesTimerWithStableId()
    {
        var schedule = new ScheduleTimer(TimerKind.Retry, 2, Scenario.T0.AddSeconds(4), 3);

        var evt = schedule.ToEvent();

        Assert.Equal(new TimerElapsed("timer-3", TimerKind.Retry, 2, Scenario.T0.AddSeconds(4), 3), evt);
        Assert.Equal(evt, schedule.ToEvent());
    }

    [Fact]
    public void Deserialize_PolicyOutOfRange_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => Json.Deserialize<ExecutionPolicy>("""{"maxAttempts":0,"timeoutSeconds":60}"""));
    }

    internal static void AssertRoundTrips(ExecutionState state, JsonSerializerOptions options)
    {
        var json = JsonSerializer.Serialize(state, options);
        var back = JsonSerializer.Deserialize<ExecutionState>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(state with { RecentEventIds = back.RecentEventIds, Output = back.Output }, back);
    }
}
