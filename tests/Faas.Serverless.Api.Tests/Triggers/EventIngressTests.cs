using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Triggers;

[Collection("Azurite")]
public sealed class EventIngressTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriggerScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task EventGrid_ItemCreated_StartsAnExecutionWithTheItemAsInput()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"], new { dir = "/input" }));
        var other = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Deleted"]));

        var result = await _scenario.SendEventGridAsync(GridEvent("e1", "Item.Created", new { id = "item-1", dir = "/input", name = "a.jpg" }));

        var outcome = result.GetProperty("events")[0];
        Assert.Equal(1, outcome.GetProperty("fired").GetInt32());
        Assert.Equal(triggerId, outcome.GetProperty("triggers")[0].GetProperty("triggerId").GetString());
        var listed = Assert.Single(await _scenario.ListExecutionsAsync(triggerId));
        var execution = await _scenario.Developer.GetFromJsonAsync<JsonElement>($"{_scenario.Project}/executions/{listed.GetProperty("id").GetString()}");
        Assert.Equal(triggerId, execution.GetProperty("triggerId").GetString());
        Assert.Equal("run", execution.GetProperty("functionName").GetString());
        var input = execution.GetProperty("input");
        Assert.Equal("item-1", input.GetProperty("item").GetProperty("id").GetString());
        Assert.Equal("a.jpg", input.GetProperty("item").GetProperty("name").GetString());
        Assert.Equal("cat", input.GetProperty("label").GetString());
        var context = Assert.Single(await _scenario.ExecutionsAsync(triggerId)).Event!.Value;
        Assert.Equal("EventGrid", context.GetProperty("schema").GetString());
        Assert.Equal("Item.Created", context.GetProperty("type").GetString());
        Assert.Equal(0, context.GetProperty("chainDepth").GetInt32());
        Assert.Empty(await _scenario.ListExecutionsAsync(other));
    }

    [Fact]
    public async Task CloudEvents_StructuredAndBatched_StartExecutionsWithTheResource()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Updated"]));

        using var single = await _scenario.PostCloudEventsAsync(CloudEvent("c1", "Faas.Item.Updated", "item-1"), "application/cloudevents+json");
        using var batch = await _scenario.PostCloudEventsAsync(new[] { CloudEvent("c2", "Item.Updated", "item-2"), CloudEvent("c3", "Dataset.Updated", "ds-1") }, "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var fired = (await batch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("fired").GetInt32());
        Assert.Equal([1, 0], fired);
        var executions = await _scenario.ExecutionsAsync(triggerId);
        Assert.Equal(["item-1", "item-2"], executions.Select(e => e.Input["item"].GetProperty("id").GetString()));
        Assert.All(executions, e => Assert.Equal("CloudEvents", e.Event!.Value.GetProperty("schema").GetString()));
        Assert.Equal("/tests", executions[0].Event!.Value.GetProperty("source").GetString());
    }

    [Fact]
    public async Task EventGrid_SubscriptionValidation_EchoesTheCode()
    {
        var result = await _scenario.SendEventGridAsync(new
        {
            id = "v1",
            eventType = "Microsoft.EventGrid.SubscriptionValidationEvent",
            subject = string.Empty,
            eventTime = "2026-11-21T09:00:00Z",
            data = new { validationCode = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6", validationUrl = "https://example.invalid" },
            dataVersion = "1",
        });

        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", result.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task CloudEvents_OptionsHandshake_AllowsTheOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"{_scenario.Project}/events/cloudevents");
        request.Headers.Add("WebHook-Request-Origin", "eventemitter.example.com");

        using var response = await _scenario.Developer.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventemitter.example.com", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
        Assert.Equal("*", response.Headers.GetValues("WebHook-Allowed-Rate").Single());
    }

    [Fact]
    public async Task QueryCode_OnIngressOnly_Authenticates()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        using var anonymous = _scenario.Factory.CreateClient();
        var code = Uri.EscapeDataString(_scenario.ApiKey);

        using var ingress = await anonymous.PostAsJsonAsync($"{_scenario.Project}/events/eventgrid?code={code}", new[] { GridEvent("q1", "Item.Created", new { id = "i" }) });
        using var elsewhere = await anonymous.GetAsync($"{_scenario.Triggers}?code={code}");
        using var wrong = await anonymous.PostAsJsonAsync($"{_scenario.Project}/events/eventgrid?code=faas_nope", new[] { GridEvent("q2", "Item.Created", new { id = "i" }) });

        Assert.Equal(HttpStatusCode.OK, ingress.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Single(await _scenario.ListExecutionsAsync(triggerId));
    }

    [Fact]
    public async Task MalformedEventInABatch_Returns400NamingItAndFiresNothing()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));

        using var response = await _scenario.PostEventGridAsync(
            GridEvent("m1", "Item.Created", new { id = "ok" }),
            GridEvent("m2", "Item.Created", new { name = "no id" }),
            GridEvent("m3", "Item.Exploded", new { id = "x" }));

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("[1].data.id", errors.Keys);
        Assert.Contains("[2].eventType", errors.Keys);
        Assert.Empty(await _scenario.ListExecutionsAsync(triggerId));
    }

    [Fact]
    public async Task CloudEvent_MissingSpecVersionAndSource_Returns400NamingThem()
    {
        using var response = await _scenario.PostCloudEventsAsync(new { id = "c", type = "Item.Created", data = new { id = "i" } }, "application/cloudevents+json");

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("specversion", errors.Keys);
        Assert.Contains("source", errors.Keys);
    }

    [Fact]
    public async Task Events_UnknownProjectOrWrongMediaType_AreRejected()
    {
        using var unknown = await _scenario.Developer.PostAsJsonAsync("/api/v1/projects/0123456789abcdef0123456789abcdef/events/eventgrid", new[] { GridEvent("u", "Item.Created", new { id = "i" }) });
        using var text = new StringContent("[]");
        text.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var plain = await _scenario.Developer.PostAsync($"{_scenario.Project}/events/eventgrid", text);

        await ProblemAssert.StatusAsync(unknown, HttpStatusCode.NotFound);
        await ProblemAssert.StatusAsync(plain, HttpStatusCode.UnsupportedMediaType);
    }

    private static object CloudEvent(string id, string type, string resourceId) => new
    {
        specversion = "1.0",
        id,
        source = "/tests",
        type,
        subject = $"items/{resourceId}",
        time = "2026-11-21T09:00:00Z",
        datacontenttype = "application/json",
        data = new { id = resourceId, dir = "/input" },
    };
}
