using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>Sequential <c>execute?wait=true</c>: one execution at a time, client- and server-side, and the server time's phases.</summary>
internal static class LatencyBench
{
    public static async Task<(LatencySummary Client, LatencySummary Server, PhaseResult Phases, IReadOnlyList<JsonObject> Executions)> RunAsync(
        FaasApi api, string serviceId, string functionName, double functionMs, int warmUp, int count, CancellationToken cancellationToken = default)
    {
        var samples = new List<(JsonObject Execution, double ClientMs)>();
        for (var i = 0; i < warmUp + count; i++)
        {
            var clock = Stopwatch.StartNew();
            var execution = await api.ExecuteAsync(serviceId, functionName, wait: true, cancellationToken);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (!ExecutionTimes.Succeeded(execution))
            {
                throw new InvalidOperationException($"{functionName} did not succeed: {execution.ToJsonString()}");
            }

            if (i >= warmUp)
            {
                samples.Add((execution, elapsed));
            }
        }

        return (
            Percentiles.Summarize(samples.Select(s => s.ClientMs)),
            Percentiles.Summarize(samples.Select(s => ExecutionTimes.ServerMs(s.Execution))),
            PhaseResult.Summarize(functionName, functionMs, samples),
            [.. samples.Select(s => s.Execution)]);
    }
}
