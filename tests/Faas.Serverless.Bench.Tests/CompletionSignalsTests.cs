using DurableTask.Core;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class CompletionSignalsTests
{
    private static readonly DateTime Created = new(2026, 12, 1, 20, 0, 0, DateTimeKind.Utc);

    private static OrchestrationState State(string id, OrchestrationStatus status, double ms = 40) => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = id, ExecutionId = "e" },
        OrchestrationStatus = status,
        CreatedTime = Created,
        CompletedTime = Created.AddMilliseconds(ms),
    };

    [Fact]
    public async Task Complete_AwaitedFinalState_CompletesWithItsTimes()
    {
        var signals = new CompletionSignals();
        var completion = signals.Expect("a");

        signals.Complete(State("a", OrchestrationStatus.Completed, ms: 42));

        var done = await completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(done.Succeeded);
        Assert.Equal(42, done.ServerMs, 3);
    }

    [Fact]
    public void Complete_RunningOrOtherInstance_StillWaiting()
    {
        var signals = new CompletionSignals();
        var completion = signals.Expect("a");

        signals.Complete(State("a", OrchestrationStatus.Running));
        signals.Complete(State("b", OrchestrationStatus.Completed));

        Assert.False(completion.IsCompleted);
    }

    [Fact]
    public async Task Complete_Failed_CompletesNotSucceeded()
    {
        var signals = new CompletionSignals();
        var completion = signals.Expect("a");

        signals.Complete(State("a", OrchestrationStatus.Failed));

        Assert.False((await completion.WaitAsync(TimeSpan.FromSeconds(5))).Succeeded);
    }

    [Fact]
    public void Expect_SameInstanceTwice_Throws()
    {
        var signals = new CompletionSignals();
        signals.Expect("a");

        // Expect throws at once, before any task exists: nothing asynchronous to await.
        Assert.Throws<InvalidOperationException>(() => { _ = signals.Expect("a"); });
    }

    [Fact]
    public void Summarize_Completions_FailedServerTimesAndSeries()
    {
        var start = new DateTimeOffset(Created);
        OrchestrationCompletion Done(OrchestrationStatus status, double ms, double atSecond) =>
            new(Guid.NewGuid().ToString("N"), status, Created, Created.AddMilliseconds(ms), start.AddSeconds(atSecond));
        var finished = new[] { Done(OrchestrationStatus.Completed, 30, 0.2), Done(OrchestrationStatus.Completed, 50, 0.9), Done(OrchestrationStatus.Failed, 70, 1.5), Done(OrchestrationStatus.Completed, 90, 1.6) };

        var result = BareDurableTaskLoad.Summarize("closed-4", finished, TimeSpan.FromSeconds(2), start);

        Assert.Equal("closed-4", result.Name);
        Assert.Equal(4, result.Executions);
        Assert.Equal(1, result.Failed);
        Assert.Equal(2, result.ExecutionsPerSecond);
        Assert.Equal(50, result.ServerLatency.P50, 3);
        Assert.Equal(90, result.ServerLatency.Max, 3);
        Assert.Equal([2, 2], result.CompletionsPerSecond);
    }
}
