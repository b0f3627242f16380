using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Api.Tests.Triggers;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Edges;

/// <summary>
/// Work for a service that cannot run it (stopped, or its version failed to initialize) is refused with 409 or
/// recorded as a skip by triggers, instead of waiting in a queue forever. The Error verdict is the one the runner
/// supervisor stores after repeated init failures.
/// </summary>
[Collection("Azurite")]
public sealed class ServiceStateTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string InitError = "division by zero";
    private TriggerScenario _scenario = null!;

    private string Execute => $"{_scenario.Project}/services/{_scenario.ServiceId}/execute";

    public async Task InitializeAsync() =>
        _scenario = await TriggerScenario.CreateAsync(azurite, new Dictionary<string, string?> { ["Faas:Triggers:MinCronIntervalSeconds"] = "1" });

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("?wait=true&timeout=5")]
    public async Task Execute_ServiceInError_Returns409WithStatusAndReason(string query)
    {
        await FailInitAsync();

        using var response = await _scenario.Developer.PostAsJsonAsync(Execute + query, new { functionName = "tick", input = new { key = "k" } });

        var detail = await ProblemAssert.StatusAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("Error", detail, StringComparison.Ordinal);
        Assert.Contains(InitError, detail, StringComparison.Ordinal);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Error", problem.GetProperty("serviceStatus").GetString());
        Assert.Contains(InitError, problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?wait=true&timeout=5")]
    public async Task Execute_ServiceStopped_Returns409NamingInactive(string query)
    {
        await _scenario.SetServiceActiveAsync(false);

        using var response = await _scenario.Developer.PostAsJsonAsync(Execute + query, new { functionName = "tick", input = new { key = "k" } });

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Inactive", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serviceStatus").GetString());
    }

    [Fact]
    public async Task Execute_ServiceInitializing_IsQueued()
    {
        using var response = await _scenario.Developer.PostAsJsonAsync(Execute, new { functionName = "tick", input = new { key = "k" } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task EventTrigger_ServiceInError_RecordsTheSkip()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        await FailInitAsync();

        var result = await _scenario.SendEventGridAsync(GridEvent("e1", "Item.Created", new { id = "item-1" }));

        var outcome = result.GetProperty("events")[0].GetProperty("triggers")[0];
        Assert.Equal("ServiceInactive", outcome.GetProperty("outcome").GetString());
        Assert.Contains(InitError, outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _scenario.ExecutionsAsync(triggerId));
        Assert.Equal(1, (await _scenario.GetTriggerAsync(triggerId)).GetProperty("skippedEvents").GetInt64());
    }

    [Fact]
    public async Task CronTrigger_ServiceInError_SkipsTicksInsteadOfStartingExecutions()
    {
        await FailInitAsync();
        var triggerId = await _scenario.CreateTriggerAsync(new
        {
            name = "every-second",
            type = "Cron",
            spec = new { cron = "* * * * * *", input = new { key = "k" }, operation = new { type = "function", serviceId = _scenario.ServiceId, functionName = "tick" } },
        });

        await Eventually.TrueAsync(async () => (await _scenario.GetTriggerAsync(triggerId)).GetProperty("skippedTicks").GetInt64() >= 2, TimeSpan.FromSeconds(15), "The ticks were not recorded as skipped.");

        Assert.Empty(await _scenario.ExecutionsAsync(triggerId));
    }

    private async Task FailInitAsync()
    {
        var replicas = _scenario.Factory.Services.GetRequiredService<IReplicaStore>();
        await replicas.SetDeploymentAsync(new DeploymentStatus(
            _scenario.ServiceId,
            ServiceVersion: 1,
            DesiredReplicas: 1,
            Failed: true,
            Note: "Init failed 3 times in a row; fix the code or init params and update the service.",
            Error: new ErrorInfo("ZeroDivisionError", InitError, null),
            ReplicaId: $"{_scenario.ServiceId}-v1-r0",
            UpdatedAt: DateTimeOffset.UtcNow));
    }
}
