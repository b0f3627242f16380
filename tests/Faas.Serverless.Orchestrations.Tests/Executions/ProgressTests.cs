using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class ProgressTests
{
    /// <summary>Reported values, and what is recorded for each ("-": nothing).</summary>
    [Theory]
    [InlineData("4,7,9", "4,-,9")]
    [InlineData("0,30,80,100", "0,30,80,100")]
    [InlineData("0,1,2,3,4,5,6,9,10", "0,-,-,-,-,5,-,-,10")]
    [InlineData("10,14,15,19,20", "10,-,15,-,20")]
    [InlineData("96,99,100", "96,-,100")]
    [InlineData("98,100,100", "98,100,-")]
    [InlineData("50,47,45,60", "50,-,45,60")]
    [InlineData("50,40", "50,40")]
    [InlineData("-10,3,150", "0,-,100")]
    [InlineData("100,97,95", "100,-,95")]
    public void Apply_ProgressWithoutMessage_RecordsOnlyStepsOfFive(string reported, string expected)
    {
        var scenario = new Scenario().Start();
        var values = reported.Split(',').Select(int.Parse).ToArray();
        var recorded = new List<string>();

        foreach (var value in values)
        {
            var decision = scenario.Apply(scenario.Progress(value));
            if (decision.IsDropped)
            {
                Assert.Equal(DropReasons.NoChange, decision.Dropped);
                recorded.Add("-");
            }
            else
            {
                var entry = Assert.Single(decision.Entries);
                Assert.Equal("in-progress", entry.Status);
                Assert.Null(entry.Message);
                recorded.Add(entry.PercentComplete!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal(expected, string.Join(',', recorded));
    }

    [Fact]
    public void Apply_ProgressWithMessageBelowStep_RecordsMessageWithLastRecordedPercent()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(4));

        var decision = scenario.Accept(scenario.Progress(7, "loading model"));

        Assert.Equal(new StatusEntry(scenario.Now, "in-progress", "loading model", 4, null, null), Assert.Single(decision.Entries));
        Assert.Equal(4, scenario.State.PercentComplete);
        Assert.Equal("loading model", scenario.State.LastMessage);
        Assert.Empty(decision.Commands);
    }

    [Fact]
    public void Apply_ProgressMessageOnly_KeepsMessageAndPercent()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(30));

        var decision = scenario.Accept(scenario.Progress(null, "halfway there"));

        Assert.Equal(("halfway there", 30), (Assert.Single(decision.Entries).Message, decision.Entries[0].PercentComplete));
    }

    [Theory]
    [InlineData(42, null)]
    [InlineData(42, "")]
    [InlineData(null, "   ")]
    public void Apply_ProgressWithNothingToRecord_DropsAsNoChange(int? percent, string? message)
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(40));

        scenario.AssertDropped(scenario.Progress(percent, message), DropReasons.NoChange);
    }

    [Theory]
    [InlineData("inProgress")]
    [InlineData("in_progress")]
    [InlineData("in-progress")]
    [InlineData("IN-PROGRESS")]
    [InlineData("completed")]
    [InlineData("success")]
    [InlineData("failed")]
    [InlineData("downloading")]
    [InlineData(null)]
    public void Apply_ProgressWithAnyStatusSpelling_RecordsInProgress(string? status)
    {
        var scenario = new Scenario().Start();

        var decision = scenario.Accept(scenario.Progress(100, "execution completed", status));

        Assert.Equal(new StatusEntry(scenario.Now, "in-progress", "execution completed", 100, null, null), Assert.Single(decision.Entries));
        Assert.Equal(ExecutionStatus.InProgress, scenario.State.Status);
        Assert.False(scenario.State.IsFinal);
        Assert.Empty(decision.Commands);
    }

    [Theory]
    [InlineData("completed", "runner reported status 'completed'")]
    [InlineData("success", "runner reported status 'success'")]
    [InlineData("inProgress", null)]
    [InlineData("", null)]
    public void Apply_ProgressStatusWithoutMessage_SaysWhatRunnerReported(string status, string? expected)
    {
        var scenario = new Scenario().Start();

        var decision = scenario.Accept(scenario.Progress(100, null, status));

        Assert.Equal(expected, Assert.Single(decision.Entries).Message);
        Assert.Equal(ExecutionStatus.InProgress, scenario.State.Status);
    }

    [Fact]
    public void Apply_ProgressBeforeStarted_ImpliesStart()
    {
        var scenario = new Scenario().Advance(5);

        var decision = scenario.Accept(scenario.Progress(10, "warming up"));

        Assert.Equal(["in-progress", "in-progress"], decision.Entries.Select(e => e.Status));
        Assert.Equal(["attempt 1 of 3 started", "warming up"], decision.Entries.Select(e => e.Message));
        Assert.Empty(decision.Commands);
        Assert.Equal((ExecutionPhase.Running, scenario.Now), (scenario.State.Phase, scenario.State.StartedAt!.Value));
        scenario.AssertDropped(scenario.Started(), DropReasons.AlreadyStarted);
    }

    [Fact]
    public void Apply_ProgressBeforeStartedWithNothingToRecord_StillStarts()
    {
        var scenario = new Scenario();

        var decision = scenario.Accept(scenario.Progress(null));

        Assert.Equal("attempt 1 of 3 started", Assert.Single(decision.Entries).Message);
        Assert.Equal(ExecutionPhase.Running, scenario.State.Phase);
    }

    [Fact]
    public void Apply_ProgressAfterSuccess_DropsAsAlreadyFinal()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Succeeded());

        scenario.AssertDropped(scenario.Progress(100, "late"), DropReasons.AlreadyFinal);
    }

    [Fact]
    public void Apply_ProgressAfterFailedAttempt_DropsAsAttemptEnded()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Progress(90, "late"), DropReasons.AttemptEnded);
    }

    [Fact]
    public void Apply_ProgressOfEarlierAttempt_DropsAsStaleAttempt()
    {
        var scenario = new Scenario().Start().FailAndRetry().Start();

        scenario.AssertDropped(scenario.Progress(90, "late", attempt: 1), DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_ProgressOfNextAttempt_StartsFromScratch()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Progress(50));
        scenario.FailAndRetry().Start();

        var decision = scenario.Accept(scenario.Progress(52));

        Assert.Equal(52, Assert.Single(decision.Entries).PercentComplete);
    }
}
