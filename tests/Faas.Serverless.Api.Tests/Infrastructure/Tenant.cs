using System.Net.Http.Json;
using System.Text.Json;

namespace Faas.Serverless.Api.Tests.Infrastructure;

/// <summary>An organization with one project and helpers to add members with a role and an API key each.</summary>
public sealed class Tenant
{
    private readonly FaasApiFactory _factory;
    private readonly HttpClient _admin;

    private Tenant(FaasApiFactory factory, HttpClient admin, string organizationId, string projectId)
    {
        _factory = factory;
        _admin = admin;
        OrganizationId = organizationId;
        ProjectId = projectId;
    }

    public string OrganizationId { get; }

    public string ProjectId { get; }

    public static async Task<Tenant> CreateAsync(FaasApiFactory factory)
    {
        var admin = factory.CreateAdminClient();
        var organization = await PostAsync(admin, "/api/v1/organizations", new { name = "Org " + Guid.NewGuid().ToString("N")[..6] });
        var project = await PostAsync(admin, "/api/v1/projects", new { name = "Project", organizationId = organization.GetProperty("id").GetString() });
        return new Tenant(factory, admin, organization.GetProperty("id").GetString()!, project.GetProperty("id").GetString()!);
    }

    /// <summary>Creates a user in the organization with <paramref name="role"/> in the project; returns a client holding its key.</summary>
    public async Task<Member> AddMemberAsync(string role)
    {
        var userId = await CreateUserAsync();
        await PostAsync(_admin, $"/api/v1/organizations/{OrganizationId}/members", new { userId, role = "Member" });
        await PostAsync(_admin, $"/api/v1/projects/{ProjectId}/members", new { userId, role }, expectCreated: false);
        return new Member(userId, _factory.CreateClient(await IssueKeyAsync(userId)));
    }

    public async Task<string> CreateUserAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var user = await PostAsync(_admin, "/api/v1/users", new { email, name = "Test User" });
        return user.GetProperty("id").GetString()!;
    }

    public async Task<string> IssueKeyAsync(string userId)
    {
        var key = await PostAsync(_admin, $"/api/v1/users/{userId}/api-keys", new { name = "tests" });
        return key.GetProperty("key").GetString()!;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, bool expectCreated = true)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path} returned {(int)response.StatusCode}: {text}");
        if (expectCreated)
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

public sealed record Member(string UserId, HttpClient Client);
