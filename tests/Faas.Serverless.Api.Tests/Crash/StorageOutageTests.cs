using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>
/// Storage stops for a few seconds while executions run (and some finish): their runners keep the results and
/// report them once the host can store them again, so no finished body runs twice.
/// </summary>
[Collection("Azurite")]
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Executions = 50;
    private readonly DiskAzurite _storage = new();
    private readonly LogCapture _logs = new();
    private EndToEndFactory _factory = null!;
    private E2E _e2e = null!;

    public async Task InitializeAsync()
    {
        await _storage.StartAsync();
        _factory = new EndToEndFactory(azurite, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _storage.ConnectionString,
            ["Logging:LogLevel:Faas.Serverless.Supervisor.ReplicaLauncher"] = "Debug",
        });
        _factory.Api.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        _e2e = await E2E.CreateAsync(_factory);
        await _e2e.PushAsync();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _storage.DisposeAsync();
        _logs.Dispose();
    }

    /// <param name="outageSeconds">3 s as in the issue (stopping and starting Azurite adds 1-2 s); 20 s is over three leases (the tests' lease is 6 s).</param>
    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public async Task StorageOutage_ExecutionsFinishingDuringIt_EachBodyRunsOnceAndSucceeds(int outageSeconds)
    {
        // More slots than executions: idle slots keep polling for work, so when storage comes back they race the
        // runners' late renewals for every item whose lease ran out during the outage.
        var serviceId = await _e2e.DeployAsync(new { name = "outage", packageName = "e2e", initParams = new { greeting = "hi" }, runtime = new { replicas = 2, concurrency = 30 } });
        await _e2e.WaitForStatusAsync(serviceId, "Active");
        var keys = Enumerable.Range(0, Executions).Select(i => $"outage-{i:D2}").ToList();
        var ids = new List<string>();
        foreach (var (key, index) in keys.Select((key, index) => (key, index)))
        {
            ids.Add((await _e2e.ExecuteAsync(serviceId, "work", new { key, seconds = 2.0 + (index % 5 * 0.5) })).GetProperty("id").GetString()!);
        }

        await Eventually.TrueAsync(async () => await CountAsync("created") == 0, TimeSpan.FromSeconds(60), "every execution should have started before the outage");
        var doneBefore = keys.Count(key => _e2e.Runs(key) > 0);
        await _storage.StopAsync();
        var clock = Stopwatch.StartNew();
        // A long outage outlasts storage's own retries: a read during it is answered 503.
        using var probe = outageSeconds >= 20 ? await ProbeAsync(ids[0], TimeSpan.FromSeconds(outageSeconds)) : null;
        if (probe is null)
        {
            await Task.Delay(TimeSpan.FromSeconds(outageSeconds));
        }
        var doneDuring = keys.Count(key => _e2e.Runs(key) > 0) - doneBefore;
        await _storage.StartAsync();
        var downFor = clock.Elapsed;

        var finished = await WaitForAllFinalAsync(ids, TimeSpan.FromSeconds(180));
        var recoveredAfter = clock.Elapsed - downFor;
        var runs = keys.ToDictionary(key => key, _e2e.Runs);
        var duplicates = runs.Values.Sum(count => Math.Max(0, count - 1));
        output.WriteLine($"{Executions} executions; {doneBefore} bodies done before the outage, {doneDuring} finished during the {downFor.TotalSeconds:0.0} s outage; " +
            $"all final {recoveredAfter.TotalSeconds:0.0} s after storage came back; bodies run {runs.Values.Sum()}, duplicates {duplicates}");
        output.WriteLine("runs per key other than 1: " + string.Join(", ", runs.Where(r => r.Value != 1).Select(r => $"{r.Key}={r.Value}")));
        foreach (var line in _logs.Messages.Where(m => m.Contains("exited", StringComparison.Ordinal) || m.Contains("rejected", StringComparison.Ordinal) || m.Contains("refused", StringComparison.Ordinal) || m.Contains("lost", StringComparison.OrdinalIgnoreCase)).Take(40))
        {
            output.WriteLine(line);
        }


        Assert.Empty(finished.Where(e => e.GetProperty("latestStatus").GetProperty("status").GetString() != "success" || e.GetProperty("attempts").GetInt32() != 1)
            .Select(e => $"{e.GetProperty("input").GetProperty("key")}: {e.GetProperty("latestStatus")} after {e.GetProperty("attempts")} attempts"));
        Assert.All(keys, key => Assert.Equal(1, runs[key]));

        // Runner calls were never answered 500. Storage's own retries absorb a short outage; a long one is answered
        // 503 (which the runners retry).
        Assert.DoesNotContain(_logs.Messages, m => m.StartsWith("Unhandled error in", StringComparison.Ordinal) && m.Contains("/services/", StringComparison.Ordinal));
        Assert.True(outageSeconds < 20 || _logs.Messages.Any(m => m.StartsWith("Storage unavailable in", StringComparison.Ordinal)), "a long outage is answered 503");
        if (probe is not null)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, probe.StatusCode);
            Assert.NotNull(probe.Headers.RetryAfter);
            Assert.Equal("application/problem+json", probe.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Reads an execution while storage is down, then waits out the rest of <paramref name="outage"/>.</summary>
    private async Task<HttpResponseMessage> ProbeAsync(string executionId, TimeSpan outage)
    {
        var end = Stopwatch.StartNew();
        var response = await _e2e.Client.GetAsync(new Uri($"{_e2e.Project}/executions/{executionId}", UriKind.Relative));
        await response.Content.LoadIntoBufferAsync();
        if (end.Elapsed < outage)
        {
            await Task.Delay(outage - end.Elapsed);
        }

        return response;
    }

    private async Task<int> CountAsync(string status) =>
        (await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions?status={status}&pageSize=100")).GetProperty("items").GetArrayLength();

    /// <summary>
    /// Polls every execution until each is final; reads during the host's recovery may fail and are retried. When time
    /// runs out the failure shows each unfinished execution with its orchestration's history.
    /// </summary>
    private async Task<List<JsonElement>> WaitForAllFinalAsync(List<string> ids, TimeSpan timeout)
    {
        var final = new Dictionary<string, JsonElement>();
        var deadline = Stopwatch.StartNew();
        while (final.Count < ids.Count && deadline.Elapsed < timeout)
        {
            foreach (var id in ids.Where(id => !final.ContainsKey(id)))
            {
                using var response = await _e2e.Client.GetAsync(new Uri($"{_e2e.Project}/executions/{id}", UriKind.Relative));
                if (!response.IsSuccessStatusCode)
                {
                    break;
                }

                var execution = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (execution.GetProperty("latestStatus").GetProperty("status").GetString() is "success" or "failed" or "terminated" or "aborted" or "system-failure")
                {
                    final[id] = execution;
                }
            }

            await Task.Delay(200);
        }

        if (final.Count < ids.Count)
        {
            var unfinished = new List<string>();
            foreach (var id in ids.Where(id => !final.ContainsKey(id)).Take(5))
            {
                unfinished.Add($"{id}: {await _e2e.Client.GetStringAsync(new Uri($"{_e2e.Project}/executions/{id}", UriKind.Relative))}\n" +
                    $"orchestration: {await _e2e.Client.GetStringAsync(new Uri($"{_e2e.Project}/executions/{id}/orchestration", UriKind.Relative))}");
            }

            foreach (var line in _logs.Messages.TakeLast(60))
            {
                output.WriteLine(line);
            }

            Assert.Fail($"{ids.Count - final.Count} of {ids.Count} executions not final {timeout.TotalSeconds} s after the outage; the first:\n{string.Join("\n", unfinished)}");
        }

        return [.. ids.Select(id => final[id])];
    }
}
