using System.Text.Json;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class SuccessTests
{
    [Fact]
    public void Apply_SucceededRunningAttempt_FinishesWithOutput()
    {
        var scenario = new Scenario().Advance(3).Start().Advance(12.5);
        using var output = JsonDocument.Parse("""{"labels":["cat"]}""");

        var decision = scenario.Accept(scenario.Succeeded(output.RootElement));

        var entry = Assert.Single(decision.Entries);
        Assert.Equal((scenario.Now, "success", (string?)null, (int?)100, (object?)null), (entry.Timestamp, entry.Status, entry.Message, entry.PercentComplete, (object?)entry.Error));
        Assert.Equal("""{"labels":["cat"]}""", entry.Output!.Value.GetRawText());
        Assert.Equal([new NotifyFinished(ExecutionStatus.Success)], decision.Commands);
        var state = scenario.State;
        Assert.Equal((ExecutionStatus.Success, ExecutionPhase.Finished), (state.Status, state.Phase));
        Assert.Equal("""{"labels":["cat"]}""", state.Output!.Value.GetRawText());
        Assert.Equal(scenario.Now, state.FinishedAt);
        Assert.Equal(12.5, state.Duration);
        Assert.Null(state.Timer);
        Assert.Null(state.Error);
    }

    [Fact]
    public void Apply_SucceededWithOutputOfDisposedDocument_KeepsOutput()
    {
        var scenario = new Scenario().Start();
        var document = JsonDocument.Parse("""{"n":1}""");
        var evt = scenario.Succeeded(document.RootElement);

        scenario.Accept(evt);
        document.Dispose();

        Assert.Equal("""{"n":1}""", scenario.State.Output!.Value.GetRawText());
    }

    [Fact]
    public void Apply_SucceededQueuedAttempt_FinishesWithoutRunningTime()
    {
        var scenario = new Scenario().Advance(4);

        var decision = scenario.Accept(scenario.Succeeded());

        Assert.Equal("success", Assert.Single(decision.Entries).Status);
        Assert.Equal([new NotifyFinished(ExecutionStatus.Success)], decision.Commands);
        Assert.Equal(0, scenario.State.Duration);
    }

    [Fact]
    public void Apply_SucceededAfterFailedAttempt_ClearsErrorAndSumsRunningTime()
    {
        var scenario = new Scenario().Start().Advance(10);
        scenario.Accept(scenario.Failed());
        scenario.Advance(2);
        scenario.Accept(scenario.PendingTimer());
        scenario.Advance(30).Start().Advance(5);

        scenario.Accept(scenario.Succeeded());

        Assert.Null(scenario.State.Error);
        Assert.Equal(15, scenario.State.Duration);
        Assert.Equal((2, 2), (scenario.State.Attempt, scenario.State.Attempts));
    }

    [Fact]
    public void Apply_SucceededTwice_DropsAsAlreadyFinal()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Succeeded());

        scenario.AssertDropped(scenario.Succeeded(), DropReasons.AlreadyFinal);
    }

    [Fact]
    public void Apply_SucceededAfterFailedAttempt_DropsAsAttemptEnded()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Failed());

        scenario.AssertDropped(scenario.Succeeded(), DropReasons.AttemptEnded);
    }

    [Fact]
    public void Apply_SucceededOfAttemptSupersededByRetry_DropsAsStaleAttempt()
    {
        var scenario = new Scenario().Start().FailAndRetry();

        scenario.AssertDropped(scenario.Succeeded(attempt: 1), DropReasons.StaleAttempt);
    }

    [Fact]
    public void Apply_FailedAfterSuccess_DropsAsAlreadyFinal()
    {
        var scenario = new Scenario().Start();
        scenario.Accept(scenario.Succeeded());

        scenario.AssertDropped(scenario.Failed(), DropReasons.AlreadyFinal);
    }
}
