using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>
/// Queues deliver at least once and runners retry their posts: the same raised event or runner event may
/// arrive several times, even at once. The test plays the runner itself (the service has no replicas).
/// </summary>
[Collection("Azurite")]
public sealed class DuplicateDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private EndToEndFactory _factory = null!;
    private E2E _e2e = null!;
    private string _serviceId = null!;
    private HttpClient _bot = null!;

    private string RunnerBase => $"{_e2e.Project}/services/{_serviceId}";

    public async Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite);
        _e2e = await E2E.CreateAsync(_factory);
        await _e2e.PushAsync();
        _serviceId = await _e2e.DeployAsync(new { name = "by-hand", packageName = "e2e", initParams = new { greeting = "hi" }, maxAttempts = 1, executionTimeout = 3, runtime = new { replicas = 0, autoscaler = new { minReplicas = 0, maxReplicas = 0, queueLength = 1, cooldownPeriod = 0 } } });
        await _e2e.WaitForStatusAsync(_serviceId, "Active");
        var botId = (await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/services/{_serviceId}")).GetProperty("bot").GetString()!;
        using var admin = _factory.Api.CreateAdminClient();
        var key = await Tenant.PostAsync(admin, $"/api/v1/users/{botId}/api-keys", new { name = "plays the runner" });
        _bot = _factory.Api.CreateClient(key.GetProperty("key").GetString()!);
    }

    public async Task DisposeAsync()
    {
        _bot.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task RaisedEvents_SameBatchRaisedManyTimesAtOnce_OneOutcome()
    {
        var (id, leaseId) = await LeaseAsync(await ExecuteAsync("dup-raised"));
        var started = Event(id, leaseId, "started");
        await PostEventsAsync(started);
        await Eventually.TrueAsync(async () => (await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{id}")).GetProperty("latestStatus").GetProperty("status").GetString() == "in-progress");
        var durable = _factory.Api.Services.GetRequiredService<DurableTaskClient>();
        ExecutionEvent[] batch = [new RunnerStarted(started.EventId, 1), new AttemptSucceeded("raised-succeeded", 1, JsonSerializer.SerializeToElement(new { runs = 1 }))];

        // Durable Task delivers raised events at least once; a runner's retried post raises the same batch again.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => durable.RaiseEventAsync(id, ExecutionOrchestration.EventsName, batch)));
        var finished = await _e2e.WaitForFinishAsync(id, 30);

        Assert.Equal(["created", "in-progress", "success"], Statuses(finished));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false)).RuntimeStatus);
        Assert.Equal(["created", "in-progress", "success"], Statuses(await _e2e.WaitForFinishAsync(id)));
    }

    [Fact]
    public async Task WorkEvents_SameBatchPostedAgainAndAtOnce_NoDuplicateEntries()
    {
        var again = await LeaseAsync(await ExecuteAsync("dup-again"));
        var atOnce = await LeaseAsync(await ExecuteAsync("dup-at-once"));
        var first = Batch(again.ExecutionId, again.LeaseId);
        var second = Batch(atOnce.ExecutionId, atOnce.LeaseId);

        await PostEventsAsync(first);
        await PostEventsAsync(first);
        await PostEventsAsync(first[..2]);
        await Task.WhenAll(PostEventsAsync(second), PostEventsAsync(second), PostEventsAsync(second[..2]));
        await PostEventsAsync(second[2..]);

        var durable = _factory.Api.Services.GetRequiredService<DurableTaskClient>();
        foreach (var id in new[] { again.ExecutionId, atOnce.ExecutionId })
        {
            var finished = await _e2e.WaitForFinishAsync(id);
            Assert.Equal(["created", "in-progress", "in-progress", "success"], Statuses(finished));
            Assert.Equal("halfway", finished.GetProperty("statusLog")[2].GetProperty("message").GetString());
            Assert.Equal(1, finished.GetProperty("output").GetProperty("runs").GetInt32());

            Assert.Equal(OrchestrationRuntimeStatus.Completed, (await durable.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false)).RuntimeStatus);
        }

        Assert.Equal(0, await _factory.Api.Services.GetRequiredService<ServiceWorkQueues>().LengthAsync(_serviceId));
    }

    [Fact]
    public async Task WorkEvents_StartedThenSucceededInBackToBackPosts_EveryExecutionSucceeds()
    {
        // The first post creates the orchestration; the second comes while it may still be pending, which
        // DurableTask.AzureStorage would answer by discarding an event raised to it.
        var leased = new List<(string ExecutionId, string LeaseId)>();
        for (var i = 0; i < 8; i++)
        {
            leased.Add(await LeaseAsync(await ExecuteAsync($"back-to-back-{i}")));
        }

        await Task.WhenAll(leased.Select(async lease =>
        {
            await PostEventsAsync(Event(lease.ExecutionId, lease.LeaseId, "started"));
            await PostEventsAsync(Event(lease.ExecutionId, lease.LeaseId, "succeeded") with { Output = JsonSerializer.SerializeToElement(new { runs = 1 }) });
        }));

        foreach (var (id, _) in leased)
        {
            Assert.Equal(["created", "in-progress", "success"], Statuses(await _e2e.WaitForFinishAsync(id, 30)));
        }
    }

    private static List<string> Statuses(JsonElement execution) =>
        [.. execution.GetProperty("statusLog").EnumerateArray().Select(e => e.GetProperty("status").GetString()!)];

    /// <summary>A whole call in one post: started, progress, succeeded.</summary>
    private static WireEvent[] Batch(string executionId, string leaseId) =>
    [
        Event(executionId, leaseId, "started"),
        Event(executionId, leaseId, "progress") with { Status = "inProgress", PercentComplete = 50, Message = "halfway" },
        Event(executionId, leaseId, "succeeded") with { Output = JsonSerializer.SerializeToElement(new { runs = 1 }) },
    ];

    private static WireEvent Event(string executionId, string leaseId, string type) =>
        new(leaseId, executionId, 1, Guid.NewGuid().ToString(), type, DateTimeOffset.UtcNow);

    private async Task<string> ExecuteAsync(string key) =>
        (await _e2e.ExecuteAsync(_serviceId, "work", new { key, seconds = 1 })).GetProperty("id").GetString()!;

    private async Task<(string ExecutionId, string LeaseId)> LeaseAsync(string executionId)
    {
        using var response = await _bot.PostAsJsonAsync($"{RunnerBase}/work/lease", new { replicaId = "test", maxItems = 1, waitSeconds = 10 });
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal(executionId, item.GetProperty("executionId").GetString());
        return (executionId, item.GetProperty("leaseId").GetString()!);
    }

    /// <summary>Posts like a runner: events the host has not applied yet (each listed with 503) are posted again.</summary>
    private async Task PostEventsAsync(params WireEvent[] events)
    {
        for (var post = 1; ; post++)
        {
            using var response = await _bot.PostAsJsonAsync($"{RunnerBase}/work/events", new { replicaId = "test", events });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var rejected = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").EnumerateArray().ToList();
            Assert.All(rejected, r => Assert.Equal(StatusCodes.Status503ServiceUnavailable, r.GetProperty("status").GetInt32()));
            if (rejected.Count == 0)
            {
                return;
            }

            Assert.True(post < 15, $"{rejected.Count} events still not applied after {post} posts");
            var again = rejected.Select(r => r.GetProperty("eventId").GetString()).ToHashSet();
            events = [.. events.Where(e => again.Contains(e.EventId))];
            await Task.Delay(200);
        }
    }

    /// <summary>A runner event as docs/runner-protocol.md defines it (null fields are left out).</summary>
    private sealed record WireEvent(string LeaseId, string ExecutionId, int Attempt, string EventId, string Type, DateTimeOffset Timestamp)
    {
        public string? Status { get; init; }

        public int? PercentComplete { get; init; }

        public string? Message { get; init; }

        public JsonElement? Output { get; init; }
    }
}
