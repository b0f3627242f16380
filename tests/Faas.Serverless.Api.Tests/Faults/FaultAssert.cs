using Faas.Serverless.Api.Tests.Crash;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>The checks every fault test makes: nothing lost, one recorded result per execution, bodies run once, instances done.</summary>
public static class FaultAssert
{
    /// <summary>
    /// Every execution is final and <c>success</c>, with exactly one <c>success</c> entry in its status log (no attempt's
    /// result recorded twice) and the attempts <paramref name="expectedAttempts"/> gives.
    /// </summary>
    public static async Task AllSucceededOnceAsync(HostApi api, InFlightWorkload workload, IReadOnlyList<ExecutionOutcome> final, Func<ExecutionOutcome, int> expectedAttempts)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(final);
        ArgumentNullException.ThrowIfNull(expectedAttempts);
        if (final.Count != workload.Ids.Count)
        {
            Assert.Fail($"{workload.Ids.Count - final.Count} execution(s) not final (lost or stuck):{Environment.NewLine}{string.Join(Environment.NewLine, await workload.DescribeMissingAsync(api, final))}");
        }

        var wrong = final.Where(o => o.LatestStatus != "success" || o.Count("success") != 1 || o.Attempts != expectedAttempts(o)).Select(o => o.Describe()).ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} execution(s) not a single success with the expected attempts:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    /// <summary>Each key's body ran to its end once (the package counts a call when it returns, so a call killed mid-way leaves no count).</summary>
    public static void EachBodyRanOnce(FaultPlatform platform, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var wrong = keys.Select(key => (Key: key, Runs: platform.Runs(key))).Where(r => r.Runs != 1).Select(r => $"{r.Key}={r.Runs}").ToList();
        Assert.True(wrong.Count == 0, $"Bodies not run exactly once: {string.Join(", ", wrong)}");
    }

    /// <summary>
    /// Every execution's Durable Task instance completes (an episode after the record says final), so nothing of it is
    /// left for Durable Task to replay.
    /// </summary>
    public static async Task OrchestrationsCompletedAsync(HostApi api, InFlightWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(workload);
        var pending = workload.Ids.ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        var last = new List<string>();
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            var views = await Task.WhenAll(pending.Select(async id => (Id: id, View: await api.TryGetOrchestrationAsync(id))));
            pending = [.. views.Where(v => v.View?.GetProperty("runtimeStatus").GetString() != "Completed").Select(v => v.Id)];
            last = [.. views.Where(v => pending.Contains(v.Id)).Select(v => $"{v.Id}: {(v.View is { } view ? view.GetProperty("runtimeStatus").GetString() : "no instance")}")];
            await Task.Delay(pending.Count > 0 ? 500 : 0);
        }

        Assert.True(pending.Count == 0, $"Orchestration instances not completed: {string.Join(", ", last)}");
    }
}
