using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Client;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>
/// An organization and a project "dashboard" with a Developer member, made with the admin key; the browser signs in
/// with the member's key, and the tests set things up through <see cref="Client"/>, which holds the same key.
/// </summary>
public sealed record Tenant(string ProjectId, string ProjectName, string Key, FaasClient Client)
{
    public static async Task<Tenant> CreateAsync(Uri baseUrl)
    {
        using var admin = new HttpClient { BaseAddress = baseUrl };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DashboardHost.AdminKey);
        var organizationId = await PostAsync(admin, "/api/v1/organizations", new { name = "Dashboard tests" }, "id");
        var projectId = await PostAsync(admin, "/api/v1/projects", new { name = "dashboard", organizationId }, "id");
        var userId = await PostAsync(admin, "/api/v1/users", new { email = $"dev-{Guid.NewGuid():N}@example.com", name = "Dana Developer" }, "id");
        await PostAsync(admin, $"/api/v1/organizations/{organizationId}/members", new { userId, role = "Member" }, field: null);
        await PostAsync(admin, $"/api/v1/projects/{projectId}/members", new { userId, role = "Developer" }, field: null);
        var key = await PostAsync(admin, $"/api/v1/users/{userId}/api-keys", new { name = "dashboard-tests" }, "key");
        return new Tenant(projectId, "dashboard", key, new FaasClient(new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(3) }, key));
    }

    private static async Task<string> PostAsync(HttpClient admin, string path, object body, string? field)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return field is null ? string.Empty : JsonDocument.Parse(text).RootElement.GetProperty(field).GetString()!;
    }
}
