using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Faas.Serverless.Bench;

/// <summary>The platform's HTTP API as the bench uses it: set-up as admin, then everything as a user key.</summary>
internal sealed class FaasApi(HttpClient http) : IDisposable
{
    private string? _projectId;

    public string ProjectId => _projectId ?? throw new InvalidOperationException("Call SetUpAsync first.");

    public static FaasApi Create(Uri url, string key)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new FaasApi(http);
    }

    /// <summary>Organization, user, project and memberships as admin; returns the user's API key.</summary>
    public async Task<string> SetUpAsync(CancellationToken cancellationToken = default)
    {
        var org = await PostAsync("/api/v1/organizations", new { name = "bench" }, cancellationToken);
        var user = await PostAsync("/api/v1/users", new { email = "bench@example.com", name = "Bench" }, cancellationToken);
        var userId = Field(user, "id");
        await PostAsync($"/api/v1/organizations/{Field(org, "id")}/members", new { userId, role = "Owner" }, cancellationToken);
        var project = await PostAsync("/api/v1/projects", new { name = "bench", organizationId = Field(org, "id") }, cancellationToken);
        _projectId = Field(project, "id");
        await PostAsync($"/api/v1/projects/{_projectId}/members", new { userId, role = "Developer" }, cancellationToken);
        var key = await PostAsync($"/api/v1/users/{userId}/api-keys", new { name = "bench" }, cancellationToken);
        return Field(key, "key");
    }

    public FaasApi AsUser(string key, Uri url)
    {
        var user = Create(url, key);
        user._projectId = ProjectId;
        return user;
    }

    /// <summary>Zips <paramref name="packageDir"/>/src and posts it with its faas.json, as samples/push.sh does.</summary>
    public async Task PushAsync(string packageDir, CancellationToken cancellationToken = default)
    {
        using var zip = new MemoryStream();
        await ZipFile.CreateFromDirectoryAsync(Path.Combine(packageDir, "src"), zip, CompressionLevel.Fastest, includeBaseDirectory: false, cancellationToken);
        using var form = new MultipartFormDataContent();
        var schema = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(packageDir, "faas.json"), cancellationToken));
        schema.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var codebase = new ByteArrayContent(zip.ToArray());
        codebase.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(schema, "schema", "faas.json");
        form.Add(codebase, "codebase", "codebase.zip");
        using var response = await http.PostAsync(new Uri($"/api/v1/projects/{ProjectId}/packages", UriKind.Relative), form, cancellationToken);
        await EnsureAsync(response, cancellationToken);
    }

    public async Task<string> DeployAsync(int replicas, int concurrency, CancellationToken cancellationToken = default)
    {
        var service = await PostAsync($"/api/v1/projects/{ProjectId}/services",
            new { name = "bench", packageName = "bench", maxAttempts = 1, runtime = new { replicas, concurrency } }, cancellationToken);
        return Field(service, "id");
    }

    public async Task<JsonObject> ExecuteAsync(string serviceId, string functionName, bool wait, CancellationToken cancellationToken = default) =>
        await PostAsync($"/api/v1/projects/{ProjectId}/services/{serviceId}/execute{(wait ? "?wait=true" : string.Empty)}",
            new { functionName, input = new { } }, cancellationToken);

    public Task<JsonObject> ListExecutionsAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        GetAsync($"/api/v1/projects/{ProjectId}/executions?pageSize={pageSize}" +
            (continuationToken is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(continuationToken)), cancellationToken);

    public async Task<string> CreateTriggerAsync(object trigger, CancellationToken cancellationToken = default) =>
        Field(await PostAsync($"/api/v1/projects/{ProjectId}/triggers", trigger, cancellationToken), "id");

    /// <summary>Event Grid ingress (a JSON array of events), with the user's key as the sender's.</summary>
    public Task<JsonObject> PostEventsAsync(JsonArray events, CancellationToken cancellationToken = default) =>
        PostAsync($"/api/v1/projects/{ProjectId}/events/eventgrid", events, cancellationToken);

    public async Task<IReadOnlyList<string>> ExecutionIdsOfTriggerAsync(string triggerId, CancellationToken cancellationToken = default)
    {
        var page = await GetAsync($"/api/v1/projects/{ProjectId}/executions?pageSize=1000&triggerId={triggerId}", cancellationToken);
        return page["items"]?.AsArray().Select(e => Field(e!.AsObject(), "id")).ToList() ?? [];
    }

    /// <summary>The execution's Durable Task instance and history (read after a measurement, never during one).</summary>
    public Task<JsonObject> GetOrchestrationAsync(string executionId, CancellationToken cancellationToken = default) =>
        GetAsync($"/api/v1/projects/{ProjectId}/executions/{executionId}/orchestration", cancellationToken);

    /// <summary>Long-polls one execution until it is final.</summary>
    public async Task<JsonObject> WaitFinishedAsync(string executionId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var execution = await GetAsync($"/api/v1/projects/{ProjectId}/executions/{executionId}?waitFor=finished&timeout=30", cancellationToken);
            if (ExecutionTimes.IsFinal(execution))
            {
                return execution;
            }
        }
    }

    public async Task<JsonObject> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return await EnsureAsync(response, cancellationToken);
    }

    public async Task<JsonObject> PostAsync(string path, object body, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        return await EnsureAsync(response, cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private static string Field(JsonObject json, string name) =>
        json[name]?.GetValue<string>() ?? throw new InvalidOperationException($"The answer has no '{name}': {json.ToJsonString()}");

    private static async Task<JsonObject> EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? throw new JsonException($"Not a JSON object: {text}");
    }
}
