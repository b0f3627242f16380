using System.Globalization;
using System.Text.Json.Nodes;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class OrchestrationTimelineTests
{
    private static readonly DateTimeOffset Origin = new(2026, 12, 1, 16, 0, 0, TimeSpan.Zero);

    private static string Stamp(double ms) => Origin.AddMilliseconds(ms).ToString("O", CultureInfo.InvariantCulture);

    private static JsonObject Execution(double finalMs) => JsonNode.Parse($$$"""
        {"id": "e", "createdAt": "{{{Stamp(0)}}}",
         "status": "success",
         "statusLog": [{"status": "created", "timestamp": "{{{Stamp(0)}}}"}, {"status": "success", "timestamp": "{{{Stamp(finalMs)}}}"}],
         "latestStatus": {"status": "success"}}
        """)!.AsObject();

    private static JsonObject Orchestration(params (string Type, double Ms)[] events) => new()
    {
        ["history"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject { ["eventType"] = e.Type, ["timestamp"] = Stamp(e.Ms) })]),
    };

    [Fact]
    public void Path_RepeatedTypesAndMessagesStampedBeforeTheirEpisode_NumberedAndInTimeOrder()
    {
        var path = OrchestrationTimeline.Path(
            Execution(35),
            Orchestration(("OrchestratorStarted", 20), ("ExecutionStarted", 10), ("TaskScheduled", 21), ("OrchestratorStarted", 40), ("TaskCompleted", 38)));

        Assert.Equal(
            ["created", "ExecutionStarted", "OrchestratorStarted", "TaskScheduled", "record final", "TaskCompleted", "OrchestratorStarted#2"],
            path.Select(m => m.Name));
    }

    [Fact]
    public void Of_MostCommonShape_StepsAreItsGapsAndSlowestIsLargestP50()
    {
        var common = Orchestration(("ExecutionStarted", 10), ("OrchestratorStarted", 30), ("TaskCompleted", 100));
        var samples = new List<(JsonObject, JsonObject)>
        {
            (Execution(90), common),
            (Execution(90), common),
            (Execution(90), Orchestration(("ExecutionStarted", 10), ("EventRaised", 20), ("OrchestratorStarted", 30))),
            (Execution(90), new JsonObject()),
        };

        var timeline = OrchestrationTimeline.Of("no-op", samples);

        Assert.Equal(4, timeline.Samples);
        Assert.Equal(2, timeline.OfShape);
        Assert.Equal(
            [("created", "ExecutionStarted", 10.0), ("ExecutionStarted", "OrchestratorStarted", 20.0), ("OrchestratorStarted", "record final", 60.0), ("record final", "TaskCompleted", 10.0)],
            timeline.Steps.Select(s => (s.From, s.To, s.Duration.P50)));
        Assert.Equal("record final", timeline.Slowest!.To);
    }
}
