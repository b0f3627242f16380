using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Api.Tests.Triggers;
using Faas.Serverless.Testing;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Edges;

/// <summary>The default input limit (1 MiB of JSON), for the API and for trigger firings.</summary>
[Collection("Azurite")]
public sealed class InputLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int MaxInputBytes = 1024 * 1024;

    /// <summary><c>{"key":""}</c>: the input's bytes around the string.</summary>
    private const int Envelope = 10;

    private TriggerScenario _scenario = null!;

    private string Execute => $"{_scenario.Project}/services/{_scenario.ServiceId}/execute";

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("?wait=true&timeout=5")]
    public async Task Execute_InputOneByteAboveTheLimit_Returns413NamingInputAndTheLimit(string query)
    {
        using var response = await _scenario.Developer.PostAsJsonAsync(Execute + query, new { functionName = "tick", input = new { key = new string('k', MaxInputBytes + 1 - Envelope) } });

        var detail = await ProblemAssert.StatusAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(MaxInputBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), detail, StringComparison.Ordinal);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("input", out _), problem.ToString());
    }

    [Fact]
    public async Task Execute_InputAtTheLimit_IsAcceptedAndReadBack()
    {
        var key = new string('k', MaxInputBytes - Envelope);

        using var response = await _scenario.Developer.PostAsJsonAsync(Execute, new { functionName = "tick", input = new { key } });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var execution = await _scenario.Developer.GetFromJsonAsync<JsonElement>($"{_scenario.Project}/executions/{id}");
        Assert.Equal(key, execution.GetProperty("input").GetProperty("key").GetString());
    }

    [Fact]
    public async Task EventTrigger_EventTooLargeForAnInput_RecordsAFailedFiring()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));

        var result = await _scenario.SendEventGridAsync(GridEvent("big", "Item.Created", new { id = "item-1", blob = new string('b', MaxInputBytes) }));

        var outcome = result.GetProperty("events")[0].GetProperty("triggers")[0];
        Assert.Equal("Failed", outcome.GetProperty("outcome").GetString());
        Assert.Contains("maxInputBytes", outcome.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _scenario.ExecutionsAsync(triggerId));
    }
}
