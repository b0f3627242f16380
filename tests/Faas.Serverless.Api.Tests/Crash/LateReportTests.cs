using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>
/// A runner cut off past its lease (6 s here) comes back with old lease ids: its renewals and its result still
/// count, so the call is not run again. The test plays the runner itself (the service has no replicas).
/// </summary>
[Collection("Azurite")]
public sealed class LateReportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan PastTheLease = TimeSpan.FromSeconds(7);
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
        _serviceId = await _e2e.DeployAsync(new { name = "late", packageName = "e2e", initParams = new { greeting = "hi" }, maxAttempts = 1, runtime = new { replicas = 0, autoscaler = new { minReplicas = 0, maxReplicas = 0, queueLength = 1, cooldownPeriod = 0 } } });
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
    public async Task Events_FinalEventAfterTheLeaseRanOutAndNobodyTookIt_AppliedAndItemCompleted()
    {
        var (id, leaseId) = await StartAsync("late-result");
        await Task.Delay(PastTheLease);

        var rejected = await PostEventsAsync(Event(id, leaseId, "succeeded") with { Output = JsonSerializer.SerializeToElement(new { runs = 1 }) });

        Assert.Equal(0, rejected);
        Assert.Equal("success", (await _e2e.WaitForFinishAsync(id)).GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(0, await _factory.Api.Services.GetRequiredService<ServiceWorkQueues>().LengthAsync(_serviceId));
    }

    [Fact]
    public async Task Renew_UpdateWhoseAnswerWasLost_LeaseKeptThenReclaimedWhenTheItemComesBack()
    {
        var (id, first) = await StartAsync("late-renew");

        // The queue now knows a receipt the runner never saw, as when storage fails before its answer arrives.
        var (newer, _) = await RenewAsync(first);
        Assert.NotEqual(first, newer);
        var (kept, keptLost) = await RenewAsync(first);
        await Task.Delay(PastTheLease);
        var redelivered = await LeaseItemsAsync();
        var (reclaimed, reclaimedLost) = await RenewAsync(first);
        var rejected = await PostEventsAsync(Event(id, reclaimed!, "succeeded") with { Output = JsonSerializer.SerializeToElement(new { runs = 1 }) });
        var finished = await _e2e.WaitForFinishAsync(id);

        Assert.Equal((first, false), (kept, keptLost));
        Assert.Equal(0, redelivered);
        Assert.False(reclaimedLost);
        Assert.NotEqual(first, reclaimed);
        Assert.Equal(0, rejected);
        Assert.Equal("success", finished.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(1, finished.GetProperty("attempts").GetInt32());
        Assert.Equal(0, await _factory.Api.Services.GetRequiredService<ServiceWorkQueues>().LengthAsync(_serviceId));
    }

    private async Task<(string ExecutionId, string LeaseId)> StartAsync(string key)
    {
        var id = (await _e2e.ExecuteAsync(_serviceId, "work", new { key, seconds = 1 })).GetProperty("id").GetString()!;
        using var response = await _bot.PostAsJsonAsync($"{RunnerBase}/work/lease", new { replicaId = "test", maxItems = 1, waitSeconds = 10 });
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal(id, item.GetProperty("executionId").GetString());
        var leaseId = item.GetProperty("leaseId").GetString()!;
        Assert.Equal(0, await PostEventsAsync(Event(id, leaseId, "started")));
        return (id, leaseId);
    }

    private async Task<int> LeaseItemsAsync()
    {
        using var response = await _bot.PostAsJsonAsync($"{RunnerBase}/work/lease", new { replicaId = "other", maxItems = 1, waitSeconds = 2 });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength();
    }

    private async Task<(string? LeaseId, bool Lost)> RenewAsync(string leaseId)
    {
        using var response = await _bot.PostAsJsonAsync($"{RunnerBase}/work/renew", new { replicaId = "test", leaseIds = new[] { leaseId } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leases")[0];
        return (answer.GetProperty("renewedLeaseId").GetString(), answer.GetProperty("lost").GetBoolean());
    }

    private async Task<int> PostEventsAsync(params WireEvent[] events)
    {
        using var response = await _bot.PostAsJsonAsync($"{RunnerBase}/work/events", new { replicaId = "test", events });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetArrayLength();
    }

    private static WireEvent Event(string executionId, string leaseId, string type) =>
        new(leaseId, executionId, 1, Guid.NewGuid().ToString(), type, DateTimeOffset.UtcNow);

    private sealed record WireEvent(string LeaseId, string ExecutionId, int Attempt, string EventId, string Type, DateTimeOffset Timestamp)
    {
        public JsonElement? Output { get; init; }
    }
}
