using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Triggers;

/// <summary>Events sent the way the CloudEvents SDK sends them over HTTP, in each content mode.</summary>
[Collection("Azurite")]
public sealed class CloudEventsSdkTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly JsonEventFormatter Formatter = new();
    private static readonly CloudEventAttribute[] ResourceEventExtensions = [CloudEventAttribute.CreateExtension("faaschaindepth", CloudEventAttributeType.Integer)];
    private TriggerScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Theory]
    [InlineData(ContentMode.Binary)]
    [InlineData(ContentMode.Structured)]
    public async Task Post_OneEventInEitherMode_FiresTheTriggerWithTheResource(ContentMode mode)
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"]));
        var cloudEvent = Event("m-1", "Faas.Item.Updated", new { id = "item-7", dir = "/input" });
        cloudEvent["faaschaindepth"] = 1;

        using var response = await PostAsync(cloudEvent.ToHttpContent(mode, Formatter));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var execution = Assert.Single(await _scenario.ExecutionsAsync(triggerId));
        Assert.Equal("item-7", execution.Input["item"].GetProperty("id").GetString());
        Assert.Equal("/sdk", execution.Event!.Value.GetProperty("source").GetString());
        Assert.Equal(1, execution.Event!.Value.GetProperty("chainDepth").GetInt32());
    }

    [Fact]
    public async Task Post_Batch_FiresEachMatchingEvent()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        CloudEvent[] batch = [Event("b-1", "Item.Created", new { id = "one" }), Event("b-2", "Dataset.Created", new { id = "ds" }), Event("b-3", "Item.Created", new { id = "two" })];

        using var response = await PostAsync(batch.ToHttpContent(Formatter));

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([1, 0, 1], answer.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("fired").GetInt32()));
        Assert.Equal(["one", "two"], (await _scenario.ExecutionsAsync(triggerId)).Select(e => e.Input["item"].GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Post_BinaryModeWithExtension_FilterSeesTheExtension()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"], new Dictionary<string, object> { ["@event.tenant"] = "acme", ["@event.type"] = "Item.Created" }));
        var matching = Event("x-1", "Item.Created", new { id = "acme-item" });
        matching.SetAttributeFromString("tenant", "acme");
        var other = Event("x-2", "Item.Created", new { id = "other-item" });
        other.SetAttributeFromString("tenant", "globex");

        using var first = await PostAsync(matching.ToHttpContent(ContentMode.Binary, Formatter));
        using var second = await PostAsync(other.ToHttpContent(ContentMode.Binary, Formatter));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("acme-item", Assert.Single(await _scenario.ExecutionsAsync(triggerId)).Input["item"].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_BinaryModeMissingAttributes_400NamesThemAndTheMode()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        using var content = new StringContent("""{"name": "no id"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("ce-specversion", "1.0");
        content.Headers.Add("ce-id", "bad-1");

        using var response = await PostAsync(content);

        var problem = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("ce-source", problem.Keys);
        Assert.Contains("ce-type", problem.Keys);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Binary", body.GetProperty("contentMode").GetString());
        Assert.Contains("Detected content mode: Binary", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _scenario.ExecutionsAsync(triggerId));
    }

    [Fact]
    public async Task Post_BatchWithOneBadEvent_400NamesItsIndexAndFiresNothing()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        using var content = new StringContent(
            """[{"specversion":"1.0","id":"g","source":"/s","type":"Item.Created","data":{"id":"ok"}},{"specversion":"1.0","id":"b","source":"/s","type":"Item.Created","time":"yesterday","data":{"id":"x"}}]""",
            Encoding.UTF8,
            "application/cloudevents-batch+json");

        using var response = await PostAsync(content);

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("[1].time", errors.Keys);
        Assert.Empty(await _scenario.ExecutionsAsync(triggerId));
    }

    private static CloudEvent Event(string id, string type, object data) => new(ResourceEventExtensions)
    {
        Id = id,
        Source = new Uri("/sdk", UriKind.Relative),
        Type = type,
        Time = DateTimeOffset.UtcNow,
        DataContentType = "application/json",
        Data = JsonSerializer.SerializeToElement(data),
    };

    private Task<HttpResponseMessage> PostAsync(HttpContent content) => _scenario.Developer.PostAsync($"{_scenario.Project}/events/cloudevents", content);
}
