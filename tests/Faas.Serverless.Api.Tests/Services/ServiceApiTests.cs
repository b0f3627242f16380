using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Services;

[Collection("Azurite")]
public sealed class ServiceApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;
    private HttpClient _developer = null!;

    private string Services => $"/api/v1/projects/{_tenant.ProjectId}/services";

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        _tenant = await Tenant.CreateAsync(_factory);
        _developer = (await _tenant.AddMemberAsync("Developer")).Client;
        await Samples.PushAsync(_developer, _tenant.ProjectId, "image-tagger");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Create_WithoutBot_PinsLatestRevisionAndCreatesABot()
    {
        var main = File.ReadAllText(Path.Combine(Samples.Root, "samples", "image-tagger", "src", "main.py"));
        await Samples.PushAsync(_developer, _tenant.ProjectId, "image-tagger", Codebases.Zip(("main.py", main + "\n# revision 2\n")));

        var service = await CreateAsync(new { name = "tagger", packageName = "image-tagger", initParams = new { model_name = "m", threshold = 0.5 } });

        Assert.Equal(2, service.GetProperty("packageRevision").GetInt32());
        Assert.Equal(1, service.GetProperty("version").GetInt32());
        Assert.Equal(6, service.GetProperty("runtime").GetProperty("concurrency").GetInt32());
        Assert.Equal(3600, service.GetProperty("executionTimeout").GetInt32());
        var bot = await _developer.GetFromJsonAsync<JsonElement>($"{Services}/{service.GetProperty("id").GetString()}/bot");
        Assert.Equal(service.GetProperty("bot").GetString(), bot.GetProperty("id").GetString());
        var bots = await _developer.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{_tenant.ProjectId}/bots");
        Assert.Contains(bots.GetProperty("items").EnumerateArray(), b => b.GetProperty("id").GetString() == bot.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_BadInitParams_Returns400NamingEachParam()
    {
        using var response = await _developer.PostAsJsonAsync(Services, new
        {
            name = "bad-init",
            packageName = "image-tagger",
            initParams = new { threshold = "high", extra = 1 },
        });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("initParams.model_name", errors.Keys);
        Assert.Contains("initParams.threshold", errors.Keys);
        Assert.Contains("initParams.extra", errors.Keys);
    }

    [Theory]
    [InlineData("packageRevision", "{\"name\":\"s\",\"packageName\":\"image-tagger\",\"packageRevision\":9,\"initParams\":{\"model_name\":\"m\",\"threshold\":0.5}}")]
    [InlineData("moduleName", "{\"name\":\"s\",\"packageName\":\"image-tagger\",\"moduleName\":\"nope\"}")]
    [InlineData("packageName", "{\"name\":\"s\",\"packageName\":\"missing\"}")]
    [InlineData("runtime.concurrency", "{\"name\":\"s\",\"packageName\":\"image-tagger\",\"initParams\":{\"model_name\":\"m\",\"threshold\":0.5},\"runtime\":{\"concurrency\":0}}")]
    [InlineData("onReset", "{\"name\":\"s\",\"packageName\":\"image-tagger\",\"initParams\":{\"model_name\":\"m\",\"threshold\":0.5},\"onReset\":\"explode\"}")]
    [InlineData("name", "{\"name\":\"has space\",\"packageName\":\"image-tagger\",\"initParams\":{\"model_name\":\"m\",\"threshold\":0.5}}")]
    public async Task Create_InvalidField_Returns400NamingIt(string field, string body)
    {
        using var response = await _developer.PostAsync(Services, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public async Task Update_StaleIfMatch_Returns412AndKeepsVersion()
    {
        using var created = await _developer.PostAsJsonAsync(Services, TaggerBody("etag-service"));
        var staleETag = created.Headers.ETag!.ToString();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await PatchAsync(id!, new { maxAttempts = 5 });
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Services}/{id}") { Content = JsonContent.Create(new { maxAttempts = 7 }) };
        request.Headers.TryAddWithoutValidation("If-Match", staleETag);

        using var response = await _developer.SendAsync(request);

        await ProblemAssert.StatusAsync(response, HttpStatusCode.PreconditionFailed);
        var service = await _developer.GetFromJsonAsync<JsonElement>($"{Services}/{id}");
        Assert.Equal(2, service.GetProperty("version").GetInt32());
        Assert.Equal(5, service.GetProperty("maxAttempts").GetInt32());
    }

    [Fact]
    public async Task Rollback_ToVersionOne_DeploysItsSpecAsANewVersion()
    {
        var id = (await CreateAsync(TaggerBody("rolled"))).GetProperty("id").GetString()!;
        await PatchAsync(id, new { initParams = new { model_name = "second", threshold = 0.9 } });

        using var response = await _developer.PostAsJsonAsync($"{Services}/{id}/rollback", new { version = 1 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var service = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, service.GetProperty("version").GetInt32());
        Assert.Equal("m", service.GetProperty("initParams").GetProperty("model_name").GetString());
        var versions = await _developer.GetFromJsonAsync<JsonElement>($"{Services}/{id}/versions");
        Assert.Equal([1, 2, 3], versions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task StopAndStart_TogglesActiveWithoutNewVersion()
    {
        var id = (await CreateAsync(TaggerBody("paused"))).GetProperty("id").GetString()!;

        var stopped = await (await _developer.PostAsync($"{Services}/{id}/stop", null)).Content.ReadFromJsonAsync<JsonElement>();
        var status = await _developer.GetFromJsonAsync<JsonElement>($"{Services}/{id}/status");
        var started = await (await _developer.PostAsync($"{Services}/{id}/start", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(stopped.GetProperty("active").GetBoolean());
        Assert.Equal("Inactive", status.GetProperty("status").GetString());
        Assert.True(started.GetProperty("active").GetBoolean());
        Assert.Equal(1, started.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Delete_Service_AbortsItsQueuedWorkAndReleasesItsPackage()
    {
        var service = await CreateAsync(TaggerBody("deleted"));
        var packageId = service.GetProperty("packageId").GetString();
        await ProblemAssert.StatusAsync(await _developer.DeleteAsync($"/api/v1/projects/{_tenant.ProjectId}/packages/{packageId}"), HttpStatusCode.Conflict);

        var queued = await Tenant.PostAsync(_developer, $"{Services}/{service.GetProperty("id").GetString()}/execute", new { functionName = "flaky", input = new { key = "never-run" } });

        using var delete = await _developer.DeleteAsync($"{Services}/{service.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        await Eventually.TrueAsync(async () => (await _developer.GetAsync($"{Services}/{service.GetProperty("id").GetString()}")).StatusCode == HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await _developer.DeleteAsync($"/api/v1/projects/{_tenant.ProjectId}/packages/{packageId}")).StatusCode);
        var aborted = await _developer.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{_tenant.ProjectId}/executions/{queued.GetProperty("id").GetString()}");
        Assert.Equal("aborted", aborted.GetProperty("latestStatus").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Create_WithBotOfAnotherOrganization_Returns400OnBot()
    {
        var other = await Tenant.CreateAsync(_factory);
        var owner = await other.AddMemberAsync("Owner");
        var foreignBot = await Tenant.PostAsync(owner.Client, $"/api/v1/projects/{other.ProjectId}/bots", new { name = "foreign" });

        using var response = await _developer.PostAsJsonAsync(Services, new
        {
            name = "borrowed-bot",
            packageName = "image-tagger",
            initParams = new { model_name = "m", threshold = 0.5 },
            bot = foreignBot.GetProperty("id").GetString(),
        });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("bot", errors.Keys);
    }

    [Fact]
    public async Task Create_AsViewer_Returns403()
    {
        var viewer = await _tenant.AddMemberAsync("Viewer");

        using var response = await viewer.Client.PostAsJsonAsync(Services, TaggerBody("viewer-service"));

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RunnerSpec_CalledByAUserNotTheBot_Returns403()
    {
        var id = (await CreateAsync(TaggerBody("guarded"))).GetProperty("id").GetString();

        using var response = await _developer.GetAsync($"{Services}/{id}/runner-spec");

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("remove")]
    [InlineData("demote")]
    public async Task Execute_BotRemovedOrDemoted_Returns409SayingWhy(string change)
    {
        var service = await CreateAsync(TaggerBody($"bot-{change}"));
        var bot = service.GetProperty("bot").GetString();
        var members = $"/api/v1/projects/{_tenant.ProjectId}/members";
        var admin = _factory.CreateAdminClient();
        using var changed = change == "remove"
            ? await admin.DeleteAsync($"{members}/{bot}")
            : await admin.PutAsJsonAsync($"{members}/{bot}", new { role = "Viewer" });
        Assert.True(changed.IsSuccessStatusCode);

        using var response = await _developer.PostAsJsonAsync($"{Services}/{service.GetProperty("id").GetString()}/execute", new { functionName = "flaky", input = new { key = "k" } });

        var detail = await ProblemAssert.StatusAsync(response, HttpStatusCode.Conflict);
        Assert.Contains(bot!, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_AddedToAnotherProjectOfTheOrganization_CanUseIt()
    {
        var bot = await Tenant.PostAsync(_developer, $"/api/v1/projects/{_tenant.ProjectId}/bots", new { name = "shared" });
        var admin = _factory.CreateAdminClient();
        var other = await Tenant.PostAsync(admin, "/api/v1/projects", new { name = "Other", organizationId = _tenant.OrganizationId });
        var botClient = _factory.CreateClient(bot.GetProperty("key").GetString()!);
        var otherPackages = $"/api/v1/projects/{other.GetProperty("id").GetString()}/packages";
        await ProblemAssert.StatusAsync(await botClient.GetAsync(otherPackages), HttpStatusCode.NotFound);

        await Tenant.PostAsync(admin, $"/api/v1/projects/{other.GetProperty("id").GetString()}/members", new { userId = bot.GetProperty("id").GetString(), role = "Developer" }, expectCreated: false);

        Assert.Equal(HttpStatusCode.OK, (await botClient.GetAsync(otherPackages)).StatusCode);
    }

    private static object TaggerBody(string name) => new { name, packageName = "image-tagger", initParams = new { model_name = "m", threshold = 0.5 } };

    private async Task<JsonElement> CreateAsync(object body) => await Tenant.PostAsync(_developer, Services, body);

    private async Task PatchAsync(string id, object body)
    {
        using var response = await _developer.PatchAsJsonAsync($"{Services}/{id}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
