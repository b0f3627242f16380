using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Secrets;

/// <summary>The secrets API without runners: write-only values, validation, roles, and what a change does to services.</summary>
[Collection("Azurite")]
public sealed class SecretApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Token = ["TOKEN"];
    private static readonly string[] KnownAndMissing = ["KNOWN", "MISSING"];
    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;
    private HttpClient _developer = null!;

    private string Project => $"/api/v1/projects/{_tenant.ProjectId}";

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        _tenant = await Tenant.CreateAsync(_factory);
        _developer = (await _tenant.AddMemberAsync("Developer")).Client;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Put_NewSecret_CreatedAndShownWithoutItsValue()
    {
        var value = SecretPackage.NewValue("value");

        using var created = await _developer.PutAsJsonAsync($"{Project}/secrets/DB_PASSWORD", new { value });
        var list = await _developer.GetStringAsync($"{Project}/secrets");
        var one = await _developer.GetFromJsonAsync<JsonElement>($"{Project}/secrets/DB_PASSWORD");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.DoesNotContain(value, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(value, list, StringComparison.Ordinal);
        Assert.Equal("DB_PASSWORD", JsonDocument.Parse(list).RootElement.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(1, one.GetProperty("version").GetInt32());
        Assert.False(one.TryGetProperty("value", out _));
    }

    [Fact]
    public async Task Post_ExistingSecret_Conflict()
    {
        await SetAsync("TOKEN", "first-value");

        using var again = await _developer.PostAsJsonAsync($"{Project}/secrets/TOKEN", new { value = "second-value" });

        await ProblemAssert.StatusAsync(again, HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("lower_case")]
    [InlineData("1STARTS_WITH_DIGIT")]
    [InlineData("PATH")]
    [InlineData("FAAS_RUNNER_TOKEN")]
    [InlineData("LD_PRELOAD")]
    public async Task Put_InvalidOrReservedName_BadRequestNamingName(string name)
    {
        using var response = await _developer.PutAsJsonAsync($"{Project}/secrets/{name}", new { value = "some-value" });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains(name, Assert.Single(errors["name"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ValueOver64KiB_BadRequestNamingValueWithoutEchoingIt()
    {
        var value = new string('s', (64 * 1024) + 1);

        using var response = await _developer.PutAsJsonAsync($"{Project}/secrets/BIG", new { value });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("65536", Assert.Single(errors["value"]), StringComparison.Ordinal);
        Assert.DoesNotContain("sssss", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_ValueOf64KiB_StoredAndRevealedWhole()
    {
        var value = string.Concat(Enumerable.Repeat("0123456789abcdef", 4 * 1024));

        await SetAsync("LARGE", value);

        var revealed = await _factory.Services.GetRequiredService<Faas.Serverless.Domain.Secrets.ISecretStore>().RevealAsync(_tenant.ProjectId, ["LARGE"]);
        Assert.Equal(value, revealed["LARGE"]);
    }

    [Fact]
    public async Task Put_AsViewer_Forbidden()
    {
        var viewer = (await _tenant.AddMemberAsync("Viewer")).Client;

        using var response = await viewer.PutAsJsonAsync($"{Project}/secrets/TOKEN", new { value = "some-value" });

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Delete_UnknownSecret_NotFound()
    {
        using var response = await _developer.DeleteAsync($"{Project}/secrets/NOT_THERE");

        await ProblemAssert.StatusAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deploy_UnknownSecretName_BadRequestNamingIt()
    {
        await SecretPackage.PushAsync(_developer, _tenant.ProjectId);
        await SetAsync("KNOWN", "known-value");

        using var response = await _developer.PostAsJsonAsync($"{Project}/services", new { name = "s", packageName = SecretPackage.Name, secrets = KnownAndMissing });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("MISSING", Assert.Single(errors["secrets"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_SecretUsedByService_NewVersionAndServiceEvent()
    {
        await SecretPackage.PushAsync(_developer, _tenant.ProjectId);
        await SetAsync("TOKEN", "first-value");
        var service = await Tenant.PostAsync(_developer, $"{Project}/services", new { name = "user", packageName = SecretPackage.Name, secrets = Token });
        var bystander = await Tenant.PostAsync(_developer, $"{Project}/services", new { name = "bystander", packageName = SecretPackage.Name });
        var id = service.GetProperty("id").GetString();

        using var deleted = await _developer.DeleteAsync($"{Project}/secrets/TOKEN");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await _developer.GetFromJsonAsync<JsonElement>($"{Project}/services/{id}");
        Assert.Equal(2, after.GetProperty("version").GetInt32());
        Assert.Equal(Token, after.GetProperty("secrets").EnumerateArray().Select(name => name.GetString()!).ToArray());
        var untouched = await _developer.GetFromJsonAsync<JsonElement>($"{Project}/services/{bystander.GetProperty("id").GetString()}");
        Assert.Equal(1, untouched.GetProperty("version").GetInt32());
        var events = await _developer.GetFromJsonAsync<JsonElement>($"{Project}/services/{id}/events");
        var recorded = Assert.Single(events.GetProperty("items").EnumerateArray());
        Assert.Equal("SecretDeleted", recorded.GetProperty("type").GetString());
        Assert.Equal("TOKEN", recorded.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task RunnerSecrets_BotKeyNotIssuedToAReplica_Forbidden()
    {
        await SecretPackage.PushAsync(_developer, _tenant.ProjectId);
        await SetAsync("TOKEN", "bot-must-not-see");
        var bot = await Tenant.PostAsync(_developer, $"{Project}/bots", new { name = "runner" });
        var service = await Tenant.PostAsync(_developer, $"{Project}/services", new { name = "s", packageName = SecretPackage.Name, secrets = Token, bot = bot.GetProperty("id").GetString() });
        var botClient = _factory.CreateClient(bot.GetProperty("key").GetString()!);
        var runnerBase = $"{Project}/services/{service.GetProperty("id").GetString()}";

        using var spec = await botClient.GetAsync($"{runnerBase}/runner-spec");
        using var secrets = await botClient.GetAsync($"{runnerBase}/runner-secrets");

        Assert.Equal(HttpStatusCode.OK, spec.StatusCode);
        Assert.Contains("\"secrets\":[\"TOKEN\"]", await spec.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ProblemAssert.StatusAsync(secrets, HttpStatusCode.Forbidden);
        Assert.DoesNotContain("bot-must-not-see", await secrets.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task SetAsync(string name, string value)
    {
        using var response = await _developer.PutAsJsonAsync($"{Project}/secrets/{name}", new { value });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
