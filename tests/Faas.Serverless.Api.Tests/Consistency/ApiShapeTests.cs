using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Api.Tests.Triggers;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Consistency;

/// <summary>One shape per field: a resource shows the same fields, each of one JSON kind, in listings and single reads.</summary>
[Collection("Azurite")]
public sealed class ApiShapeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriggerScenario _scenario = null!;

    private string Project => _scenario.Project;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Execution_ListItemAndSingleRead_StatusIsAStringAndTheLogIsStatusLog()
    {
        var created = await Tenant.PostAsync(_scenario.Developer, $"{Project}/services/{_scenario.ServiceId}/execute", new { functionName = "tick", input = new { key = "k" } });
        var id = created.GetProperty("id").GetString();

        var listed = Assert.Single((await GetAsync($"{Project}/executions")).GetProperty("items").EnumerateArray(), e => e.GetProperty("id").GetString() == id);
        var single = await GetAsync($"{Project}/executions/{id}");

        Assert.Equal("created", listed.GetProperty("status").GetString());
        Assert.Equal("created", single.GetProperty("status").GetString());
        Assert.Equal("created", single.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal("created", Assert.Single(single.GetProperty("statusLog").EnumerateArray()).GetProperty("status").GetString());
        JsonShape.AssertContained(listed, single);
        JsonShape.AssertSame(created, single);
    }

    [Fact]
    public async Task ServiceVersions_Spec_UsesTheServiceBodysFieldNames()
    {
        var service = await GetAsync($"{Project}/services/{_scenario.ServiceId}");
        var listed = Assert.Single((await GetAsync($"{Project}/services")).GetProperty("items").EnumerateArray());

        var version = Assert.Single((await GetAsync($"{Project}/services/{_scenario.ServiceId}/versions")).GetProperty("items").EnumerateArray());

        JsonShape.AssertSame(listed, service);
        JsonShape.AssertContained(version.GetProperty("spec"), service);
        string[] serviceOnly = ["id", "name", "projectId", "active", "deleting", "version", "createdAt", "updatedAt", "creator"];
        Assert.Equal(
            service.EnumerateObject().Select(p => p.Name).Except(serviceOnly).Order(),
            version.GetProperty("spec").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(service.GetProperty("bot").GetString(), version.GetProperty("spec").GetProperty("bot").GetString());
        Assert.Equal(service.GetProperty("version").GetInt32(), version.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PackageAndTrigger_ListItemAndSingleRead_HaveTheSameShape()
    {
        var trigger = await Tenant.PostAsync(_scenario.Developer, _scenario.Triggers, new
        {
            name = "nightly",
            spec = new { cron = "0 3 * * *", input = new { key = "k" }, operation = new { serviceId = _scenario.ServiceId, functionName = "tick" } },
        });
        var package = Assert.Single((await GetAsync($"{Project}/packages")).GetProperty("items").EnumerateArray());
        var listedTrigger = Assert.Single((await GetAsync(_scenario.Triggers)).GetProperty("items").EnumerateArray());

        JsonShape.AssertSame(package, await GetAsync($"{Project}/packages/{package.GetProperty("id").GetString()}"));
        JsonShape.AssertSame(listedTrigger, await GetAsync($"{_scenario.Triggers}/{trigger.GetProperty("id").GetString()}"));
        JsonShape.AssertSame(trigger, listedTrigger);
    }

    [Fact]
    public async Task Listings_OfEveryResource_AnswerTheSamePageEnvelope()
    {
        var me = (await GetAsync("/api/v1/me")).GetProperty("id").GetString();
        var packageId = Assert.Single((await GetAsync($"{Project}/packages")).GetProperty("items").EnumerateArray()).GetProperty("id").GetString();
        string[] listings =
        [
            "/api/v1/organizations", $"/api/v1/organizations/{_scenario.Tenant.OrganizationId}/members", "/api/v1/projects", $"/api/v1/users/{me}/api-keys",
            $"{Project}/members", $"{Project}/bots", $"{Project}/packages", $"{Project}/packages/{packageId}/revisions", $"{Project}/services",
            $"{Project}/services/{_scenario.ServiceId}/versions", $"{Project}/services/{_scenario.ServiceId}/executions", $"{Project}/executions",
            _scenario.Triggers, $"{Project}/dead-letters", $"{Project}/secrets", $"{Project}/services/{_scenario.ServiceId}/events",
        ];

        foreach (var listing in listings)
        {
            var page = await GetAsync(listing);
            Assert.True(page.ValueKind == JsonValueKind.Object && page.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array, $"{listing}: {page}");
            Assert.True(page.TryGetProperty("continuationToken", out _), $"{listing} has no continuationToken: {page}");
        }
    }

    private async Task<JsonElement> GetAsync(string path) => await _scenario.Developer.GetFromJsonAsync<JsonElement>(path);
}
