using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using static Faas.Serverless.Api.Tests.Triggers.TriggerScenario;

namespace Faas.Serverless.Api.Tests.Triggers;

[Collection("Azurite")]
public sealed class TriggerApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriggerScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Create_EventTrigger_Returns201WithETagAndCanonicalSpec()
    {
        using var response = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, new
        {
            name = "on-items",
            spec = new
            {
                resource = "item",
                actions = new List<string> { "created", "CLONE" },
                filter = new { dir = "/input" },
                input = new { label = "cat" },
                operation = new { serviceId = _scenario.ServiceId, functionName = "run" },
            },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var trigger = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(response.Headers.Location!.ToString(), trigger.GetProperty("url").GetString());
        Assert.Equal("Event", trigger.GetProperty("type").GetString());
        Assert.True(trigger.GetProperty("active").GetBoolean());
        var spec = trigger.GetProperty("spec");
        Assert.Equal("Item", spec.GetProperty("resource").GetString());
        Assert.Equal(["Created", "Clone"], spec.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Once", spec.GetProperty("executionMode").GetString());
        Assert.Equal("function", spec.GetProperty("operation").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, trigger.GetProperty("nextFireTimes").ValueKind);
        Assert.Equal(0, trigger.GetProperty("droppedLoopEvents").GetInt64());
    }

    [Fact]
    public async Task Get_CronTrigger_ShowsTheNextFiveFireTimes()
    {
        var id = await _scenario.CreateTriggerAsync(CronBody("*/10 * * * *"));

        var trigger = await _scenario.GetTriggerAsync(id);

        var times = trigger.GetProperty("nextFireTimes").EnumerateArray().Select(t => t.GetDateTimeOffset()).ToList();
        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.Equal(0, t.Minute % 10));
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.Equal(TimeSpan.FromMinutes(10), pair.Second - pair.First));
        Assert.True(times[0] > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task List_MoreThanAPage_PagesWithAToken()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await _scenario.CreateTriggerAsync(CronBody("0 5 * * *", name));
        }

        var first = await _scenario.Developer.GetFromJsonAsync<JsonElement>($"{_scenario.Triggers}?pageSize=2");
        var token = first.GetProperty("continuationToken").GetString();
        var second = await _scenario.Developer.GetFromJsonAsync<JsonElement>($"{_scenario.Triggers}?pageSize=2&continuationToken={Uri.EscapeDataString(token!)}");

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continuationToken").ValueKind);
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Returns412AndKeepsTheTrigger()
    {
        using var created = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, EventTrigger(_scenario.ServiceId, ["Created"]));
        var stale = created.Headers.ETag!.ToString();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var renamed = await PatchAsync(id!, new { name = "renamed" }, stale);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.NotEqual(stale, renamed.Headers.ETag!.ToString());

        using var response = await PatchAsync(id!, new { name = "lost" }, stale);

        await ProblemAssert.StatusAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("renamed", (await _scenario.GetTriggerAsync(id!)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_SpecField_RevalidatesTheWholeTrigger()
    {
        var id = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));

        using var invalid = await PatchAsync(id, new { spec = new { resource = "Dataset", actions = new List<string> { "Clone" } } });
        using var valid = await PatchAsync(id, new { spec = new { actions = new List<string> { "Updated" }, filter = new { annotated = true } } });

        var errors = await ProblemAssert.ValidationAsync(invalid);
        Assert.Contains("spec.actions[0]", errors.Keys);
        Assert.Contains("spec.operation.functionName", errors.Keys);
        var spec = (await valid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("spec");
        Assert.Equal("Updated", spec.GetProperty("actions")[0].GetString());
        Assert.True(spec.GetProperty("filter").GetProperty("annotated").GetBoolean());
        Assert.Equal("cat", spec.GetProperty("input").GetProperty("label").GetString());
    }

    [Fact]
    public async Task DeactivateAndActivate_ToggleActive()
    {
        var id = await _scenario.CreateTriggerAsync(CronBody("* * * * *"));

        var off = await (await _scenario.Developer.PostAsync($"{_scenario.Triggers}/{id}/deactivate", null)).Content.ReadFromJsonAsync<JsonElement>();
        var on = await (await _scenario.Developer.PostAsync($"{_scenario.Triggers}/{id}/activate", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(off.GetProperty("active").GetBoolean());
        Assert.Empty(off.GetProperty("nextFireTimes").EnumerateArray());
        Assert.True(on.GetProperty("active").GetBoolean());
        Assert.Equal(5, on.GetProperty("nextFireTimes").GetArrayLength());
    }

    [Fact]
    public async Task Delete_Trigger_Returns204ThenNotFound()
    {
        var id = await _scenario.CreateTriggerAsync(EventTrigger(_scenario.ServiceId, ["Created"]));

        using var deleted = await _scenario.Developer.DeleteAsync($"{_scenario.Triggers}/{id}");
        using var again = await _scenario.Developer.DeleteAsync($"{_scenario.Triggers}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.StatusAsync(again, HttpStatusCode.NotFound);
        await ProblemAssert.StatusAsync(await _scenario.Developer.GetAsync($"{_scenario.Triggers}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_InvalidFilter_Returns400WithThePath()
    {
        var body = EventTrigger(_scenario.ServiceId, ["Created"], new Dictionary<string, object> { ["$and"] = new object[] { new { dir = "/train" }, new { size = new Dictionary<string, int> { ["$gtt"] = 5 } } } });

        using var response = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, body);

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains(errors.Keys, key => key.StartsWith("spec.filter.$and[1].size", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Dataset", "Clone", "spec.actions[0]")]
    [InlineData("ItemStatus", "Created", "spec.actions[0]")]
    [InlineData("Video", "Created", "spec.resource")]
    public async Task Create_InvalidCombination_Returns400(string resource, string action, string field)
    {
        using var response = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, EventTrigger(_scenario.ServiceId, [action], resource: resource));

        Assert.Contains(field, (await ProblemAssert.ValidationAsync(response)).Keys);
    }

    [Fact]
    public async Task Create_UnknownServiceOrFunction_Returns400AtOperation()
    {
        using var unknownService = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, EventTrigger("0123456789abcdef0123456789abcdef", ["Created"]));
        using var noItemInput = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, new
        {
            name = "wrong",
            spec = new { resource = "Item", actions = new List<string> { "Created" }, input = new { key = "k" }, operation = new { serviceId = _scenario.ServiceId, functionName = "tick" } },
        });

        Assert.Contains("spec.operation.serviceId", (await ProblemAssert.ValidationAsync(unknownService)).Keys);
        Assert.Contains("spec.operation.functionName", (await ProblemAssert.ValidationAsync(noItemInput)).Keys);
    }

    [Theory]
    [InlineData("* * * * * *")]
    [InlineData("*/30 * * * * *")]
    [InlineData("0,59 * * * * *")]
    public async Task Create_CronFiringMoreOftenThanTheMinimum_Returns400AtSpecCron(string cron)
    {
        using var response = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, CronBody(cron));

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("60 s", Assert.Single(errors["spec.cron"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_CronEveryMinute_IsAllowedByTheDefaultMinimum()
    {
        using var response = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, CronBody("0 * * * * *"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Patch_CronToEverySecond_Returns400AtSpecCron()
    {
        var id = await _scenario.CreateTriggerAsync(CronBody("* * * * *"));

        using var response = await PatchAsync(id, new { spec = new { cron = "*/5 * * * * *" } });

        Assert.Contains("spec.cron", (await ProblemAssert.ValidationAsync(response)).Keys);
    }

    [Fact]
    public async Task Create_AsViewer_Returns403()
    {
        var viewer = await _scenario.Tenant.AddMemberAsync("Viewer");

        using var response = await viewer.Client.PostAsJsonAsync(_scenario.Triggers, CronBody("* * * * *"));

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync(_scenario.Triggers)).StatusCode);
    }

    private object CronBody(string cron, string name = "nightly") => new
    {
        name,
        type = "Cron",
        spec = new { cron, input = new { key = "k" }, operation = new { type = "function", serviceId = _scenario.ServiceId, functionName = "tick" } },
    };

    private async Task<HttpResponseMessage> PatchAsync(string id, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{_scenario.Triggers}/{id}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _scenario.Developer.SendAsync(request);
    }
}
