using System.Net;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Api.Tests.Triggers;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Edges;

/// <summary>A runner's key has a second, higher window on the runner protocol, and its spec carries the host's limits.</summary>
[Collection("Azurite")]
public sealed class RunnerWindowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int PerKey = 10;
    private TriggerScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite, new Dictionary<string, string?>
    {
        ["Faas:RateLimits:ApiKey:PermitLimit"] = PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Faas:Executions:Limits:MaxOutputBytes"] = "2000000",
        ["Faas:Executions:Limits:MaxLogBytes"] = "3000000",
    });

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task RunnerSpec_BotKeyOverItsApiWindow_IsStillServedWithTheLimits()
    {
        using var bot = _scenario.Factory.CreateClient(await _scenario.Tenant.IssueKeyAsync(_scenario.BotId));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= PerKey; i++)
        {
            using var me = await bot.GetAsync("/api/v1/me");
            statuses.Add(me.StatusCode);
        }

        using var spec = await bot.GetAsync($"{_scenario.Project}/services/{_scenario.ServiceId}/runner-spec");

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        var text = await spec.Content.ReadAsStringAsync();
        Assert.True(spec.StatusCode == HttpStatusCode.OK, text);
        var limits = JsonDocument.Parse(text).RootElement.GetProperty("limits");
        Assert.Equal(2_000_000, limits.GetProperty("maxOutputBytes").GetInt64());
        Assert.Equal(3_000_000, limits.GetProperty("maxLogBytes").GetInt64());
    }
}
