using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>
/// A tenant on a host reached over HTTP only (a <see cref="HostProcess"/>): the admin key creates an organization,
/// a project and a Developer with a key, who pushes the end-to-end package and drives services and executions.
/// </summary>
public sealed class HostApi : IDisposable
{
    private static readonly string PackageDir = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Package");
    private readonly HttpClient _developer;
    private readonly string _key;

    private HostApi(HttpClient developer, string key, string projectId)
    {
        _developer = developer;
        _key = key;
        ProjectId = projectId;
    }

    public string ProjectId { get; }

    public string Project => $"/api/v1/projects/{ProjectId}";

    public static HttpClient Client(Uri baseAddress, string? apiKey)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(90) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <param name="stateDir">Where the pushed package counts its calls.</param>
    public static async Task<HostApi> CreateAsync(Uri baseAddress, string adminKey, string stateDir)
    {
        using var admin = Client(baseAddress, adminKey);
        var organization = await Tenant.PostAsync(admin, "/api/v1/organizations", new { name = "Crash " + Guid.NewGuid().ToString("N")[..6] });
        var organizationId = organization.GetProperty("id").GetString()!;
        var project = await Tenant.PostAsync(admin, "/api/v1/projects", new { name = "Crash", organizationId });
        var projectId = project.GetProperty("id").GetString()!;
        var user = await Tenant.PostAsync(admin, "/api/v1/users", new { email = $"crash-{Guid.NewGuid():N}@example.com", name = "Crash Test" });
        var userId = user.GetProperty("id").GetString()!;
        await Tenant.PostAsync(admin, $"/api/v1/organizations/{organizationId}/members", new { userId, role = "Member" });
        await Tenant.PostAsync(admin, $"/api/v1/projects/{projectId}/members", new { userId, role = "Developer" }, expectCreated: false);
        var key = await Tenant.PostAsync(admin, $"/api/v1/users/{userId}/api-keys", new { name = "crash" });
        var secret = key.GetProperty("key").GetString()!;
        var api = new HostApi(Client(baseAddress, secret), secret, projectId);
        using var pushed = await Codebases.PushAsync(
            api._developer, projectId, await File.ReadAllTextAsync(Path.Combine(PackageDir, "faas.json")), Codebases.Zip(("main.py", E2E.PackageSource(stateDir))));
        Assert.True(pushed.IsSuccessStatusCode, await pushed.Content.ReadAsStringAsync());
        return api;
    }

    public async Task<string> DeployAsync(object body) =>
        (await Tenant.PostAsync(_developer, $"{Project}/services", body)).GetProperty("id").GetString()!;

    public async Task WaitForActiveAsync(string serviceId, TimeSpan timeout) =>
        await Eventually.TrueAsync(
            async () => (await _developer.GetFromJsonAsync<JsonElement>($"{Project}/services/{serviceId}/status")).GetProperty("status").GetString() == "Active",
            timeout,
            $"Service {serviceId} did not become Active");

    public async Task<string> ExecuteAsync(string serviceId, string function, object input) =>
        (await Tenant.PostAsync(_developer, $"{Project}/services/{serviceId}/execute", new { functionName = function, input }, expectCreated: false)).GetProperty("id").GetString()!;

    public async Task<JsonElement> GetExecutionAsync(string executionId) =>
        await _developer.GetFromJsonAsync<JsonElement>($"{Project}/executions/{executionId}");

    /// <summary>Ids of the project's executions whose status is <paramref name="status"/> (the listing index).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string status) =>
        [.. (await _developer.GetFromJsonAsync<JsonElement>($"{Project}/executions?status={status}&pageSize=100")).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    /// <summary>The same developer on another host of the same storage (hosts share users, keys and projects).</summary>
    public HostApi On(Uri baseAddress) => new(Client(baseAddress, _key), _key, ProjectId);

    /// <summary>The execution, or null while the host cannot answer (down, restarting, or storage unavailable).</summary>
    public async Task<JsonElement?> TryGetExecutionAsync(string executionId) => await TryGetAsync($"{Project}/executions/{executionId}");

    /// <summary>The execution's Durable Task instance (<c>GET /executions/{id}/orchestration</c>), or null when the host cannot answer.</summary>
    public async Task<JsonElement?> TryGetOrchestrationAsync(string executionId) => await TryGetAsync($"{Project}/executions/{executionId}/orchestration");

    public void Dispose() => _developer.Dispose();

    private async Task<JsonElement?> TryGetAsync(string path)
    {
        try
        {
            using var response = await _developer.GetAsync(new Uri(path, UriKind.Relative));
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
