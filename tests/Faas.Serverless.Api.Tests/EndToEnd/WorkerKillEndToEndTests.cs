using System.Globalization;
using System.Net;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.EndToEnd;

/// <summary>Calls blocked in C code (one long <c>time.sleep</c>) are stopped by killing their worker process.</summary>
[Collection("Azurite")]
public sealed class WorkerKillEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output) : PushedPackageTests(azurite)
{
    [Fact]
    public async Task Execute_BlockedInCBeyondTimeout_EveryAttemptRunsAndTheLastFailsWithTimeoutError()
    {
        var serviceId = await E2e.DeployAsync(new { name = "sleepy", packageName = "e2e", initParams = new { greeting = "x" }, maxAttempts = 3, executionTimeout = 3, runtime = new { concurrency = 2 } });
        await E2e.WaitForStatusAsync(serviceId, "Active");

        var created = await E2e.ExecuteAsync(serviceId, "nap", new { key = "nap-timeout", seconds = 10 });
        var finished = await E2e.WaitForFinishAsync(created.GetProperty("id").GetString()!, 60);

        Assert.Equal("failed", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal("TimeoutError", finished.GetProperty("latestStatus").GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(3, finished.GetProperty("attempts").GetInt32());
        var errors = finished.GetProperty("statusLog").EnumerateArray().Where(e => e.GetProperty("status").GetString() == "failed").Select(e => e.GetProperty("error").GetProperty("type").GetString()).ToList();
        Assert.Equal(["TimeoutError", "TimeoutError", "TimeoutError"], errors);
        Assert.Equal(3, E2e.Runs("nap-timeout-started"));
        Assert.Equal(0, E2e.Runs("nap-timeout"));
        output.WriteLine("timeout to next attempt started: " + string.Join(", ", RetryDelays(finished).Select(d => $"{d.TotalMilliseconds:0} ms")));
    }

    [Fact]
    public async Task Terminate_BlockedInC_EndsTerminatedAndTheBodyNeverFinishes()
    {
        var serviceId = await E2e.DeployAsync(new { name = "stuck", packageName = "e2e", initParams = new { greeting = "x" }, maxAttempts = 1 });
        await E2e.WaitForStatusAsync(serviceId, "Active");
        var created = await E2e.ExecuteAsync(serviceId, "nap", new { key = "nap-terminate", seconds = 20 });
        var id = created.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => Task.FromResult(E2e.Runs("nap-terminate-started") == 1), TimeSpan.FromSeconds(30), "the call should be running");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var terminate = await E2e.Client.PostAsync($"{E2e.Project}/executions/{id}/terminate", null);
        var finished = await E2e.WaitForFinishAsync(id, 30);
        output.WriteLine($"terminate request to terminated: {clock.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
        Assert.Equal("terminated", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        // The call is killed 1 s (the kill grace) after the runner hears of it; the watch makes that at once, not at a renewal.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2.5));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, E2e.Runs("nap-terminate"));
    }

    /// <summary>For each failed attempt, the time until the next attempt started (from the status log).</summary>
    private static List<TimeSpan> RetryDelays(JsonElement execution)
    {
        var entries = execution.GetProperty("statusLog").EnumerateArray().ToList();
        var delays = new List<TimeSpan>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].GetProperty("status").GetString() != "failed")
            {
                continue;
            }

            var next = entries.Skip(i + 1).FirstOrDefault(e => e.GetProperty("message").GetString()?.Contains("started", StringComparison.Ordinal) == true);
            if (next.ValueKind == JsonValueKind.Object)
            {
                delays.Add(Time(next) - Time(entries[i]));
            }
        }

        return delays;
    }

    private static DateTimeOffset Time(JsonElement entry) => DateTimeOffset.Parse(entry.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
}
