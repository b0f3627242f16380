using System.Text.Json.Nodes;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class AggregationTests
{
    [Fact]
    public void PerSecond_Completions_CountedInWholeSecondsFromStart()
    {
        var start = new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);
        var completions = new[] { 0.1, 0.9, 2.5, 2.6, 2.99, -0.2 }.Select(s => start.AddSeconds(s));

        Assert.Equal([3, 0, 3], CompletionSeries.PerSecond(completions, start));
    }

    [Fact]
    public void ServerMs_Execution_CreatedAtToLastStatusEntry()
    {
        var execution = JsonNode.Parse("""
            {"createdAt": "2026-12-01T16:00:00.000Z",
             "status": "success",
             "statusLog": [{"status": "created", "timestamp": "2026-12-01T16:00:00.000Z"},
                           {"status": "in-progress", "timestamp": "2026-12-01T16:00:00.020Z"},
                           {"status": "success", "timestamp": "2026-12-01T16:00:00.055Z"}],
             "latestStatus": {"status": "success", "timestamp": "2026-12-01T16:00:00.055Z"}}
            """)!.AsObject();

        Assert.Equal(55, ExecutionTimes.ServerMs(execution), 3);
        Assert.True(ExecutionTimes.IsFinal(execution));
        Assert.True(ExecutionTimes.Succeeded(execution));
    }

    [Fact]
    public void IsFinal_InProgress_False() =>
        Assert.False(ExecutionTimes.IsFinal(JsonNode.Parse("""{"latestStatus": {"status": "in-progress"}}""")!.AsObject()));

    [Fact]
    public void CpuSecondsOf_ProcStat_UserPlusSystemTicks()
    {
        const string stat = "4242 (dotnet (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 12 0 100 0 0";

        Assert.Equal(3.0, ProcessSample.CpuSecondsOf(stat), 3);
    }

    [Fact]
    public void RssMbOf_ProcStatus_VmRssInMegabytes() =>
        Assert.Equal(2.0, ProcessSample.RssMbOf(["Name:\tdotnet", "VmRSS:\t    2048 kB", "Threads:\t12"]), 3);
}
