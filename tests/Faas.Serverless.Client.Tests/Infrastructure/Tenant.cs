using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Faas.Serverless.Client.Tests.Infrastructure;

/// <summary>
/// An organization and project with a Developer member, made with the admin key over raw HTTP (the SDK does
/// not cover identity), and a <see cref="FaasClient"/> holding the member's key.
/// </summary>
public sealed record Tenant(string ProjectId, string Key, FaasClient Client)
{
    public static async Task<Tenant> CreateAsync(HostFactory factory)
    {
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HostFactory.AdminKey);
        var organizationId = await PostAsync(admin, "/api/v1/organizations", new { name = "Client tests" }, "id");
        var projectId = await PostAsync(admin, "/api/v1/projects", new { name = "client", organizationId }, "id");
        var userId = await PostAsync(admin, "/api/v1/users", new { email = $"dev-{Guid.NewGuid():N}@example.com", name = "Developer" }, "id");
        await PostAsync(admin, $"/api/v1/organizations/{organizationId}/members", new { userId, role = "Member" }, field: null);
        await PostAsync(admin, $"/api/v1/projects/{projectId}/members", new { userId, role = "Developer" }, field: null);
        var key = await PostAsync(admin, $"/api/v1/users/{userId}/api-keys", new { name = "client-tests" }, "key");

        var http = factory.CreateClient();
        http.Timeout = TimeSpan.FromMinutes(3);
        return new Tenant(projectId, key, new FaasClient(http, key));
    }

    private static async Task<string> PostAsync(HttpClient admin, string path, object body, string? field)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return field is null ? string.Empty : JsonDocument.Parse(text).RootElement.GetProperty(field).GetString()!;
    }
}
