using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Api.Tests.Triggers;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Consistency;

/// <summary>The gaps issue 15 found on the way: removing an autoscaler, triggers of a deleted service, trigger names, identical pushes.</summary>
[Collection("Azurite")]
public sealed class ApiGapTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TriggerScenario _scenario = null!;

    private string Service => $"{_scenario.Project}/services/{_scenario.ServiceId}";

    public async Task InitializeAsync() => _scenario = await TriggerScenario.CreateAsync(azurite);

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task UpdateService_AutoscalerNull_RemovesTheAutoscaler()
    {
        await PatchServiceAsync(new { runtime = new { autoscaler = new { minReplicas = 0, maxReplicas = 3, queueLength = 5, cooldownPeriod = 60 } } });
        var kept = await PatchServiceAsync(new { runtime = new { concurrency = 2 } });

        var removed = await PatchServiceAsync(new { runtime = new { autoscaler = (object?)null } });

        Assert.Equal(3, kept.GetProperty("runtime").GetProperty("autoscaler").GetProperty("maxReplicas").GetInt32());
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("runtime").GetProperty("autoscaler").ValueKind);
        Assert.Equal(2, removed.GetProperty("runtime").GetProperty("concurrency").GetInt32());
        Assert.Equal(4, removed.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task UpdateService_AutoscalerNullWithZeroReplicas_Returns400OnReplicas()
    {
        await PatchServiceAsync(new { runtime = new { replicas = 0, autoscaler = new { minReplicas = 0, maxReplicas = 3, queueLength = 5 } } });

        using var response = await SendPatchAsync(new { runtime = new { autoscaler = (object?)null } });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("runtime.replicas", errors.Keys);
    }

    [Fact]
    public async Task DeleteService_WithTriggers_DeletesTheTriggersWithIt()
    {
        var onItems = await _scenario.CreateTriggerAsync(TriggerScenario.EventTrigger(_scenario.ServiceId, ["Created"]));
        var nightly = await _scenario.CreateTriggerAsync(CronTrigger("nightly"));

        using var delete = await _scenario.Developer.DeleteAsync(Service);

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Developer.GetAsync($"{_scenario.Triggers}/{onItems}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _scenario.Developer.GetAsync($"{_scenario.Triggers}/{nightly}")).StatusCode);
        Assert.Equal(0, (await _scenario.Developer.GetFromJsonAsync<JsonElement>(_scenario.Triggers)).GetProperty("items").GetArrayLength());
        using var late = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, CronTrigger("late"));
        Assert.Contains("spec.operation.serviceId", (await ProblemAssert.ValidationAsync(late)).Keys);
    }

    [Fact]
    public async Task CreateTrigger_NameTakenInAnyCase_Returns409NamingTheExistingTrigger()
    {
        var nightly = await _scenario.CreateTriggerAsync(CronTrigger("nightly"));

        using var clash = await _scenario.Developer.PostAsJsonAsync(_scenario.Triggers, CronTrigger("NIGHTLY"));

        var detail = await ProblemAssert.StatusAsync(clash, HttpStatusCode.Conflict);
        Assert.Contains(nightly, detail, StringComparison.Ordinal);
        Assert.Contains("'nightly'", detail, StringComparison.Ordinal);
        Assert.Single((await _scenario.Developer.GetFromJsonAsync<JsonElement>(_scenario.Triggers)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task RenameTrigger_ToATakenName_Returns409AndFreesNamesOnRenameAndDelete()
    {
        var nightly = await _scenario.CreateTriggerAsync(CronTrigger("nightly"));
        var hourly = await _scenario.CreateTriggerAsync(CronTrigger("hourly"));

        using var clash = await PatchTriggerAsync(hourly, new { name = "Nightly" });
        using var ownCase = await PatchTriggerAsync(nightly, new { name = "Nightly" });
        using var moved = await PatchTriggerAsync(nightly, new { name = "daily" });
        var reused = await _scenario.CreateTriggerAsync(CronTrigger("nightly"));
        Assert.Equal(HttpStatusCode.NoContent, (await _scenario.Developer.DeleteAsync($"{_scenario.Triggers}/{hourly}")).StatusCode);
        var again = await _scenario.CreateTriggerAsync(CronTrigger("hourly"));

        Assert.Contains(nightly, await ProblemAssert.StatusAsync(clash, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownCase.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("hourly", (await _scenario.GetTriggerAsync(again)).GetProperty("name").GetString());
        Assert.NotEqual(nightly, reused);
    }

    [Fact]
    public async Task Push_IdenticalToTheLatestRevision_Returns200WithThatRevision()
    {
        var zip = Codebases.Zip(("main.py", Codebases.DefaultMain));
        using var first = await Codebases.PushAsync(_scenario.Developer, _scenario.Tenant.ProjectId, Codebases.Schema("same"), zip);
        using var again = await Codebases.PushAsync(_scenario.Developer, _scenario.Tenant.ProjectId, Codebases.Schema("SAME"), zip);
        using var changed = await Codebases.PushAsync(_scenario.Developer, _scenario.Tenant.ProjectId, Codebases.Schema("same"), Codebases.Zip(("main.py", Codebases.DefaultMain + "# 2\n")));
        using var back = await Codebases.PushAsync(_scenario.Developer, _scenario.Tenant.ProjectId, Codebases.Schema("same"), zip);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("created", Assert.Single(first.Headers.GetValues("Faas-Push-Result")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", Assert.Single(again.Headers.GetValues("Faas-Push-Result")));
        Assert.Equal(first.Headers.Location, again.Content.Headers.ContentLocation);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        var existing = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, existing.GetProperty("revision").GetInt32());
        Assert.Equal("same", existing.GetProperty("name").GetString());
        Assert.Equal(2, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        Assert.Equal(3, (await back.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());
    }

    private object CronTrigger(string name) => new
    {
        name,
        spec = new { cron = "0 3 * * *", input = new { key = "k" }, operation = new { serviceId = _scenario.ServiceId, functionName = "tick" } },
    };

    private async Task<JsonElement> PatchServiceAsync(object body)
    {
        using var response = await SendPatchAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<HttpResponseMessage> SendPatchAsync(object body) =>
        _scenario.Developer.PatchAsJsonAsync(Service, body);

    private Task<HttpResponseMessage> PatchTriggerAsync(string id, object body) =>
        _scenario.Developer.PatchAsJsonAsync($"{_scenario.Triggers}/{id}", body);
}
