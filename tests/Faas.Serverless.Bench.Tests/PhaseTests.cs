using System.Text.Json.Nodes;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class PhaseTests
{
    private static JsonObject Execution(double startedMs, double finishedMs) => JsonNode.Parse($$$"""
        {"createdAt": "2026-12-01T16:00:00.000Z",
         "status": "success",
         "statusLog": [{"status": "created", "timestamp": "2026-12-01T16:00:00.000Z"},
                       {"status": "in-progress", "timestamp": "{{{Stamp(startedMs)}}}"},
                       {"status": "in-progress", "timestamp": "{{{Stamp(startedMs + 1)}}}"},
                       {"status": "success", "timestamp": "{{{Stamp(finishedMs)}}}"}],
         "latestStatus": {"status": "success"}}
        """)!.AsObject();

    private static string Stamp(double ms) =>
        new DateTimeOffset(2026, 12, 1, 16, 0, 0, TimeSpan.Zero).AddMilliseconds(ms).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Of_StatusLog_SplitsAtFirstInProgress()
    {
        var phases = ExecutionPhases.Of(Execution(12.5, 70));

        Assert.Equal(12.5, phases.DispatchMs, 3);
        Assert.Equal(57.5, phases.RunMs, 3);
    }

    [Fact]
    public void Of_NoInProgressEntry_AllDispatch()
    {
        var execution = JsonNode.Parse("""
            {"createdAt": "2026-12-01T16:00:00.000Z",
             "status": "failed",
             "statusLog": [{"status": "created", "timestamp": "2026-12-01T16:00:00.000Z"},
                           {"status": "failed", "timestamp": "2026-12-01T16:00:00.030Z"}]}
            """)!.AsObject();

        var phases = ExecutionPhases.Of(execution);

        Assert.Equal(30, phases.DispatchMs, 3);
        Assert.Equal(0, phases.RunMs, 3);
    }

    [Fact]
    public void Summarize_SleepFunction_RunExcludesFunctionTimeAndClientOverheadIsRoundTripMinusServer()
    {
        var samples = new[] { (Execution(10, 70), 90.0), (Execution(20, 75), 80.0), (Execution(15, 80), 100.0) };

        var result = PhaseResult.Summarize("sleep50", 50, samples);

        Assert.Equal(15, result.Dispatch.P50, 3);
        Assert.Equal(10, result.RunAndReport.P50, 3);
        Assert.Equal(20, result.ClientOverhead.P50, 3);
        Assert.Equal("client overhead", result.Slowest);
    }

    [Fact]
    public void Slowest_DispatchLargest_NamesDispatch()
    {
        var result = PhaseResult.Summarize("noop", 0, [(Execution(30, 35), 40.0)]);

        Assert.Equal("dispatch", result.Slowest);
    }
}
