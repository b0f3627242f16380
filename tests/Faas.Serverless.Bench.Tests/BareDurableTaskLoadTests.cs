using DurableTask.Core;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class BareDurableTaskLoadTests
{
    private static readonly DateTime Created = new(2026, 12, 1, 20, 0, 0, DateTimeKind.Utc);

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
