using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>A dead letter is a poisoned work item whose execution ended <c>system-failure</c>; replaying it reruns that execution.</summary>
[Collection("Azurite")]
public sealed class DeadLetterReplayTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private EndToEndFactory _factory = null!;
    private E2E _e2e = null!;
    private string _serviceId = null!;

    public async Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite);
        _e2e = await E2E.CreateAsync(_factory);
        await _e2e.PushAsync();
        _serviceId = await _e2e.DeployAsync(new { name = "letters", packageName = "e2e", initParams = new { greeting = "hi" }, maxAttempts = 1, runtime = new { replicas = 0, autoscaler = new { minReplicas = 0, maxReplicas = 0, queueLength = 1, cooldownPeriod = 0 } } });
        await _e2e.WaitForStatusAsync(_serviceId, "Active");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Replay_LetterOfAFinishedExecution_RerunsItAndForgetsTheLetter()
    {
        var id = (await _e2e.ExecuteAsync(_serviceId, "work", new { key = "letter", seconds = 1 })).GetProperty("id").GetString()!;
        var engine = _factory.Api.Services.GetRequiredService<ExecutionEngine>();
        var error = new ErrorInfo("WorkItemPoisoned", "delivered 6 times", null);
        await engine.SendAsync(id, [new AttemptAbandoned("abandoned-1", 1, error)]);
        Assert.Equal("system-failure", (await _e2e.WaitForFinishAsync(id, 30)).GetProperty("latestStatus").GetProperty("status").GetString());
        var letter = await AddLetterAsync(id);

        using var replay = await _e2e.Client.PostAsync(new Uri($"{_e2e.Project}/dead-letters/{letter.Id}/replay", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Null(await _factory.Api.Services.GetRequiredService<IDeadLetterStore>().GetAsync(letter.ProjectId, letter.Id));
        var rerun = await _e2e.Client.GetFromJsonAsync<JsonElement>($"{_e2e.Project}/executions/{id}");
        var statuses = rerun.GetProperty("statusLog").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
        Assert.Equal(["created", "system-failure", "created"], statuses);
        Assert.Equal(2, (await engine.ReadAsync(id))!.State.Attempt);
    }

    [Fact]
    public async Task Replay_LetterWithoutExecution_ConflictAndLetterKept()
    {
        var letter = await AddLetterAsync(executionId: null);

        using var replay = await _e2e.Client.PostAsync(new Uri($"{_e2e.Project}/dead-letters/{letter.Id}/replay", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.NotNull(await _factory.Api.Services.GetRequiredService<IDeadLetterStore>().GetAsync(letter.ProjectId, letter.Id));
    }

    private async Task<DeadLetter> AddLetterAsync(string? executionId)
    {
        var projectId = _e2e.Project.Split('/')[^1];
        var letter = new DeadLetter(Ids.New(), projectId, executionId, $"faaswork-{_serviceId}", "{}", "test", 6, DateTimeOffset.UtcNow);
        await _factory.Api.Services.GetRequiredService<IDeadLetterStore>().AddAsync(letter);
        return letter;
    }
}
