using System.Diagnostics;

namespace Faas.Serverless.Bench;

/// <summary>Sequential <c>execute?wait=true</c>: one execution at a time, client- and server-side.</summary>
internal static class LatencyBench
{
    public static async Task<(LatencySummary Client, LatencySummary Server)> RunAsync(
        FaasApi api, string serviceId, string functionName, int warmUp, int count, CancellationToken cancellationToken = default)
    {
        var client = new List<double>();
        var server = new List<double>();
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
                client.Add(elapsed);
                server.Add(ExecutionTimes.ServerMs(execution));
            }
        }

        return (Percentiles.Summarize(client), Percentiles.Summarize(server));
    }
}
