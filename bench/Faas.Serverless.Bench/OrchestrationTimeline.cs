using System.Globalization;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>One step of an execution's path: from one recorded moment to the next, over the executions of the common shape.</summary>
internal sealed record TimelineStep(string From, string To, LatencySummary Duration);

/// <summary>
/// Where executions spend their server time, step by step, from the moments the host records anyway: the
/// execution's <c>createdAt</c>, then its orchestration's Durable Task history (each event's timestamp, from
/// <c>GET /executions/{id}/orchestration</c>), which holds when the runner's first report started the instance
/// (ExecutionStarted), when each episode ran (OrchestratorStarted), when the activity that commits the record was
/// scheduled and finished (TaskScheduled, TaskCompleted) and when the instance completed. The record's final status
/// is marked where it falls. Only executions whose history has the most common sequence of event types are
/// summarized, so the steps line up.
/// </summary>
internal sealed record OrchestrationTimeline(string Label, int Samples, int OfShape, IReadOnlyList<TimelineStep> Steps)
{
    public const string Created = "created";
    public const string Final = "record final";

    /// <summary>The step with the largest p50.</summary>
    public TimelineStep? Slowest => Steps.MaxBy(s => s.Duration.P50);

    /// <summary>Each execution with its orchestration view (the API's JSON); executions without history are skipped.</summary>
    public static OrchestrationTimeline Of(string label, IReadOnlyList<(JsonObject Execution, JsonObject Orchestration)> samples)
    {
        // Created and final are always there: a path of two has no history.
        var paths = samples.Select(s => Path(s.Execution, s.Orchestration)).Where(p => p.Count > 2).ToList();
        var shape = paths.GroupBy(p => string.Join('>', p.Select(m => m.Name))).MaxBy(g => g.Count());
        if (shape is null)
        {
            return new OrchestrationTimeline(label, samples.Count, 0, []);
        }

        var common = shape.ToList();
        var names = common[0].Select(m => m.Name).ToList();
        var steps = Enumerable.Range(1, names.Count - 1)
            .Select(i => new TimelineStep(names[i - 1], names[i], Percentiles.Summarize(common.Select(p => (p[i].At - p[i - 1].At).TotalMilliseconds))))
            .ToList();
        return new OrchestrationTimeline(label, samples.Count, common.Count, steps);
    }

    /// <summary>
    /// The moments of one execution in time order: created, every history event (numbered, in the history's order,
    /// when its type repeats, e.g. OrchestratorStarted#2) and the record's final status. Ties keep that order.
    /// </summary>
    internal static List<(string Name, DateTimeOffset At)> Path(JsonObject execution, JsonObject orchestration)
    {
        var moments = new List<(string Name, DateTimeOffset At)> { (Created, ExecutionTimes.CreatedAt(execution)) };
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in orchestration["history"] as JsonArray ?? [])
        {
            var type = item?["eventType"]?.GetValue<string>();
            var at = item?["timestamp"]?.GetValue<string>();
            if (type is null || at is null)
            {
                continue;
            }

            var count = seen[type] = seen.GetValueOrDefault(type) + 1;
            moments.Add((count == 1 ? type : $"{type}#{count}", DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)));
        }

        moments.Add((Final, ExecutionTimes.FinishedAt(execution)));

        // The history lists an episode's OrchestratorStarted before the messages it took, which were stamped earlier
        // by their senders (ExecutionStarted by the client, TaskCompleted by the activity): time order shows each hop.
        return [.. moments.OrderBy(m => m.At)];
    }
}
