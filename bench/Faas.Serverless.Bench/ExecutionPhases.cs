using System.Globalization;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>One execution's server time split at its status log: created -> in-progress -> final.</summary>
internal sealed record ExecutionPhases(double DispatchMs, double RunMs)
{
    /// <summary>
    /// Dispatch ends when the host records "in-progress" (it handles the runner's start report), run+report when it
    /// records the final status (it handles the completion report); an execution that never reported a start runs
    /// for 0 ms.
    /// </summary>
    public static ExecutionPhases Of(JsonObject execution)
    {
        var created = ExecutionTimes.CreatedAt(execution);
        var finished = ExecutionTimes.FinishedAt(execution);
        var started = execution["statusLog"] is JsonArray log
            ? log.Select(entry => entry?.AsObject()).FirstOrDefault(entry => entry?["status"]?.GetValue<string>() == "in-progress")
            : null;
        var startedAt = started?["timestamp"]?.GetValue<string>() is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture)
            : finished;
        return new ExecutionPhases((startedAt - created).TotalMilliseconds, (finished - startedAt).TotalMilliseconds);
    }
}

/// <summary>Where one function's sequential executions spend their time; run+report excludes the function's own time.</summary>
internal sealed record PhaseResult(string Function, LatencySummary Dispatch, LatencySummary RunAndReport, LatencySummary ClientOverhead)
{
    /// <summary>The phases of each execution with the client's round trip to it, <paramref name="functionMs"/> of it the function's own.</summary>
    public static PhaseResult Summarize(string function, double functionMs, IReadOnlyList<(JsonObject Execution, double ClientMs)> samples)
    {
        var phases = samples.Select(s => ExecutionPhases.Of(s.Execution)).ToList();
        return new PhaseResult(
            function,
            Percentiles.Summarize(phases.Select(p => p.DispatchMs)),
            Percentiles.Summarize(phases.Select(p => p.RunMs - functionMs)),
            Percentiles.Summarize(samples.Select(s => s.ClientMs - ExecutionTimes.ServerMs(s.Execution))));
    }

    /// <summary>The phase with the largest p50.</summary>
    public string Slowest =>
        new[] { ("dispatch", Dispatch.P50), ("run+report", RunAndReport.P50), ("client overhead", ClientOverhead.P50) }
            .MaxBy(p => p.Item2).Item1;
}
