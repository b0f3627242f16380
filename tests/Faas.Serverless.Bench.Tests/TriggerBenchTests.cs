using System.Text.Json.Nodes;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class TriggerBenchTests
{
    [Fact]
    public void StartedExecutionId_EventAnswer_TheStartedTriggersExecution()
    {
        var answer = JsonNode.Parse("""
            {"events": [{"id": "e1", "type": "Item.Created", "fired": 1, "triggers": [
              {"triggerId": "t0", "outcome": "AlreadyFiredOnce", "executionId": null, "detail": null},
              {"triggerId": "t1", "outcome": "Started", "executionId": "x1", "detail": null}]}]}
            """)!.AsObject();

        Assert.Equal("x1", TriggerBench.StartedExecutionId(answer));
    }

    [Fact]
    public void StartedExecutionId_NothingStarted_Throws()
    {
        var answer = JsonNode.Parse("""{"events": [{"id": "e1", "fired": 0, "triggers": []}]}""")!.AsObject();

        Assert.Throws<InvalidOperationException>(() => TriggerBench.StartedExecutionId(answer));
    }

    [Fact]
    public void Tick_OnTickOutput_TheTickItWasFiredFor()
    {
        var execution = JsonNode.Parse("""{"id": "x", "output": {"tick": "2026-12-01T16:00:05+00:00"}}""")!.AsObject();

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 16, 0, 5, TimeSpan.Zero), TriggerBench.Tick(execution));
    }
}
