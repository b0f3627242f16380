using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Identity;

[Collection("Azurite")]
public sealed class ProjectMembershipTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FaasApiFactory _factory = null!;
    private HttpClient _admin = null!;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        _admin = _factory.CreateAdminClient();
        _tenant = await Tenant.CreateAsync(_factory);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CreateUser_DuplicateEmail_Returns409()
    {
        var email = $"dup-{Guid.NewGuid():N}@example.com";
        await Tenant.PostAsync(_admin, "/api/v1/users", new { email, name = "First" });

        using var response = await _admin.PostAsJsonAsync("/api/v1/users", new { email = email.ToUpperInvariant(), name = "Second" });

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task CreateUser_InvalidFields_Returns400NamingEach()
    {
        using var response = await _admin.PostAsJsonAsync("/api/v1/users", new { email = "not-an-email", name = "" });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("email", errors.Keys);
        Assert.Contains("name", errors.Keys);
    }

    [Fact]
    public async Task CreateProject_MalformedJson_Returns400()
    {
        using var response = await _admin.PostAsync("/api/v1/projects", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));

        await ProblemAssert.StatusAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AddMember_UnknownRole_Returns400NamingRole()
    {
        var userId = await _tenant.CreateUserAsync();
        await Tenant.PostAsync(_admin, $"/api/v1/organizations/{_tenant.OrganizationId}/members", new { userId, role = "Member" });

        using var response = await _admin.PostAsJsonAsync($"/api/v1/projects/{_tenant.ProjectId}/members", new { userId, role = "Superuser" });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("Developer", Assert.Single(errors["role"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMember_UserOutsideOrganization_Returns400NamingUserId()
    {
        var outsiderId = await _tenant.CreateUserAsync();

        using var response = await _admin.PostAsJsonAsync($"/api/v1/projects/{_tenant.ProjectId}/members", new { userId = outsiderId, role = "Viewer" });

        var errors = await ProblemAssert.ValidationAsync(response);
        Assert.Contains("userId", errors.Keys);
    }

    [Fact]
    public async Task CreateProject_ByOrganizationMember_MakesThemOwner()
    {
        var member = await _tenant.AddMemberAsync("Viewer");

        var project = await Tenant.PostAsync(member.Client, "/api/v1/projects", new { name = "Mine", organizationId = _tenant.OrganizationId });

        var members = await member.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{project.GetProperty("id").GetString()}/members");
        var owner = Assert.Single(members.GetProperty("items").EnumerateArray());
        Assert.Equal(member.UserId, owner.GetProperty("userId").GetString());
        Assert.Equal("Owner", owner.GetProperty("role").GetString());
    }

    [Fact]
    public async Task ListProjects_AsMember_ShowsOnlyTheirProjects()
    {
        var member = await _tenant.AddMemberAsync("Developer");
        await Tenant.CreateAsync(_factory);

        var projects = await member.Client.GetFromJsonAsync<JsonElement>("/api/v1/projects");

        var only = Assert.Single(projects.GetProperty("items").EnumerateArray());
        Assert.Equal(_tenant.ProjectId, only.GetProperty("id").GetString());
    }

    [Fact]
    public async Task AddMember_ByDeveloper_Returns403()
    {
        var developer = await _tenant.AddMemberAsync("Developer");
        var userId = await _tenant.CreateUserAsync();

        using var response = await developer.Client.PostAsJsonAsync($"/api/v1/projects/{_tenant.ProjectId}/members", new { userId, role = "Owner" });

        await ProblemAssert.StatusAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RemovedMember_LosesAccess_Returns404()
    {
        var member = await _tenant.AddMemberAsync("Developer");
        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync($"/api/v1/projects/{_tenant.ProjectId}")).StatusCode);

        using var removal = await _admin.DeleteAsync($"/api/v1/projects/{_tenant.ProjectId}/members/{member.UserId}");

        Assert.Equal(HttpStatusCode.NoContent, removal.StatusCode);
        await ProblemAssert.StatusAsync(await member.Client.GetAsync($"/api/v1/projects/{_tenant.ProjectId}"), HttpStatusCode.NotFound);
    }
}
