using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Identity;

[Collection("Azurite")]
public sealed class AuthenticationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Get_WithoutKey_Returns401Problem()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/v1/projects");

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_WithUnknownKey_Returns401Problem()
    {
        using var response = await _factory.CreateClient("faas_not-a-real-key").GetAsync("/api/v1/projects");

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_WithoutKey_IsHealthy()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ApiKey_AfterRevocation_NoLongerAuthenticates()
    {
        var tenant = await Tenant.CreateAsync(_factory);
        var userId = await tenant.CreateUserAsync();
        var admin = _factory.CreateAdminClient();
        var issued = await Tenant.PostAsync(admin, $"/api/v1/users/{userId}/api-keys", new { name = "laptop" });
        var user = _factory.CreateClient(issued.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/me")).StatusCode);

        using var revoke = await user.DeleteAsync($"/api/v1/users/{userId}/api-keys/{issued.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await ProblemAssert.StatusAsync(await user.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListApiKeys_NeverReturnsTheSecret()
    {
        var tenant = await Tenant.CreateAsync(_factory);
        var userId = await tenant.CreateUserAsync();
        var secret = await tenant.IssueKeyAsync(userId);

        var text = await _factory.CreateAdminClient().GetStringAsync($"/api/v1/users/{userId}/api-keys");

        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[^16..], text, StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task CreateOrganization_AsUser_Returns403()
    {
        var tenant = await Tenant.CreateAsync(_factory);
        var member = await tenant.AddMemberAsync("Owner");

        using var response = await member.Client.PostAsJsonAsync("/api/v1/organizations", new { name = "mine" });

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
    }
}
