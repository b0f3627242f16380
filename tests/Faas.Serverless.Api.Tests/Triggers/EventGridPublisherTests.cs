using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Triggers;

/// <summary>
/// The real Azure.Messaging.EventGrid publisher against the host on http://127.0.0.1: Azure.Core's key and SAS
/// credential policies allow plain http (only bearer tokens insist on TLS), so the client needs no transport tricks.
/// </summary>
[Collection("Azurite")]
public sealed class EventGridPublisherTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriggerScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite, kestrel: true);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task SendEvents_EventGridSchemaWithEventKey_FiresTheTrigger()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        var client = new EventGridPublisherClient(Endpoint("eventgrid"), new AzureKeyCredential(await EventKeyAsync()));

        var response = await client.SendEventsAsync([new EventGridEvent("/items/eg-1", "Item.Created", "1.0", new { id = "eg-1", dir = "/input" })]);

        Assert.Equal(200, response.Status);
        var execution = Assert.Single(await _scenario.ExecutionsAsync(triggerId));
        Assert.Equal("eg-1", execution.Input["item"].GetProperty("id").GetString());
        Assert.Equal("EventGrid", execution.Event!.Value.GetProperty("schema").GetString());
    }

    [Fact]
    public async Task SendEvents_CloudEventSchemaWithExtension_FiresTheTriggerFilteringOnIt()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"], new Dictionary<string, string> { ["@event.region"] = "eu" }));
        var client = new EventGridPublisherClient(Endpoint("cloudevents"), new AzureKeyCredential(await EventKeyAsync()));
        var inEurope = new CloudEvent("/tests", "Faas.Item.Created", new { id = "ce-eu" }) { ExtensionAttributes = { ["region"] = "eu" } };
        var elsewhere = new CloudEvent("/tests", "Faas.Item.Created", new { id = "ce-us" }) { ExtensionAttributes = { ["region"] = "us" } };

        var response = await client.SendEventsAsync([inEurope, elsewhere]);

        Assert.Equal(200, response.Status);
        var execution = Assert.Single(await _scenario.ExecutionsAsync(triggerId));
        Assert.Equal("ce-eu", execution.Input["item"].GetProperty("id").GetString());
        Assert.Equal("eu", execution.Event!.Value.GetProperty("extensions").GetProperty("region").GetString());
    }

    [Fact]
    public async Task SendEvents_SasFromTheSdksBuilder_FiresTheTrigger()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        var endpoint = Endpoint("eventgrid");
        var sas = new EventGridSasBuilder(endpoint, DateTimeOffset.UtcNow.AddMinutes(10)).GenerateSas(new AzureKeyCredential(await EventKeyAsync()));
        var client = new EventGridPublisherClient(endpoint, new AzureSasCredential(sas));

        var response = await client.SendEventsAsync([new EventGridEvent("/items/sas-1", "Item.Created", "1.0", new { id = "sas-1" })]);

        Assert.Equal(200, response.Status);
        Assert.Single(await _scenario.ExecutionsAsync(triggerId));
    }

    [Fact]
    public async Task SendEvents_SasIssuedByTheHost_FiresOnTheRouteItNames()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        using var issued = await _scenario.Developer.PostAsJsonAsync($"{_scenario.Project}/events/token", new { route = "cloudevents" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var cloudEvents = new EventGridPublisherClient(Endpoint("cloudevents"), new AzureSasCredential(token));
        var eventGrid = new EventGridPublisherClient(Endpoint("eventgrid"), new AzureSasCredential(token));

        var response = await cloudEvents.SendEventsAsync([new CloudEvent("/tests", "Item.Created", new { id = "issued-1" })]);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => eventGrid.SendEventsAsync([new EventGridEvent("/items/x", "Item.Created", "1.0", new { id = "x" })]));

        Assert.Equal(200, response.Status);
        Assert.Equal(401, refused.Status);
        Assert.Contains("/events/cloudevents", refused.Message, StringComparison.Ordinal);
        Assert.Equal("issued-1", Assert.Single(await _scenario.ExecutionsAsync(triggerId)).Input["item"].GetProperty("id").GetString());
    }

    [Fact]
    public async Task SendEvents_ExpiredOrForeignSas_401ListsTheAcceptedForms()
    {
        var triggerId = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));
        var endpoint = Endpoint("eventgrid");
        var key = await EventKeyAsync();
        var expired = new EventGridSasBuilder(endpoint, DateTimeOffset.UtcNow.AddMinutes(-1)).GenerateSas(new AzureKeyCredential(key));
        var foreign = new EventGridSasBuilder(endpoint, DateTimeOffset.UtcNow.AddMinutes(10)).GenerateSas(new AzureKeyCredential(Convert.ToBase64String(new byte[32])));
        EventGridEvent[] events = [new EventGridEvent("/items/x", "Item.Created", "1.0", new { id = "x" })];

        var late = await Assert.ThrowsAsync<RequestFailedException>(() => new EventGridPublisherClient(endpoint, new AzureSasCredential(expired)).SendEventsAsync(events));
        var wrong = await Assert.ThrowsAsync<RequestFailedException>(() => new EventGridPublisherClient(endpoint, new AzureSasCredential(foreign)).SendEventsAsync(events));
        var none = await Assert.ThrowsAsync<RequestFailedException>(() => new EventGridPublisherClient(endpoint, new AzureKeyCredential("not-the-key")).SendEventsAsync(events));

        Assert.All([late, wrong, none], failure => Assert.Equal(401, failure.Status));
        Assert.Contains("expired", late.Message, StringComparison.Ordinal);
        Assert.Contains("does not match this project's event key", wrong.Message, StringComparison.Ordinal);
        Assert.All([late, wrong, none], failure => Assert.Contains("aeg-sas-key: <key>", failure.Message, StringComparison.Ordinal));
        Assert.All([late, wrong, none], failure => Assert.Contains("aeg-sas-token: r=", failure.Message, StringComparison.Ordinal));
        Assert.All([late, wrong, none], failure => Assert.Contains("Authorization: Bearer <key>", failure.Message, StringComparison.Ordinal));
        Assert.All([late, wrong, none], failure => Assert.Contains("?code=<key>", failure.Message, StringComparison.Ordinal));
        Assert.Empty(await _scenario.ExecutionsAsync(triggerId));
    }

    [Fact]
    public async Task EventKey_ElsewhereThanItsIngress_OpensNothing()
    {
        var key = await EventKeyAsync();
        using var client = new HttpClient { BaseAddress = _scenario.BaseUri };
        client.DefaultRequestHeaders.Add("aeg-sas-key", key);
        using var bearer = new HttpClient { BaseAddress = _scenario.BaseUri };
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var other = await Tenant.CreateAsync(_scenario.Factory);

        using var triggers = await client.GetAsync(_scenario.Triggers);
        using var keyRoute = await client.GetAsync($"{_scenario.Project}/events/key");
        using var asBearer = await bearer.GetAsync(_scenario.Triggers);
        using var otherProject = await client.PostAsJsonAsync($"/api/v1/projects/{other.ProjectId}/events/eventgrid", new[] { GridEvent("o1", "Item.Created", new { id = "o" }) });

        Assert.Equal(HttpStatusCode.Unauthorized, triggers.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, keyRoute.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asBearer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherProject.StatusCode);
    }

    private Uri Endpoint(string route) => new(_scenario.BaseUri, $"{_scenario.Project}/events/{route}");

    private async Task<string> EventKeyAsync()
    {
        using var owner = _scenario.Factory.CreateAdminClient();
        var answer = await owner.GetFromJsonAsync<JsonElement>($"{_scenario.Project}/events/key");
        return answer.GetProperty("key").GetString()!;
    }
}
