using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;

namespace Faas.Serverless.Api.Tests.EndToEnd;

/// <summary>Deploys and drives the end-to-end package through the public API.</summary>
public sealed class E2E(EndToEndFactory factory, Tenant tenant, HttpClient client)
{
    private static readonly string PackageDir = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Package");

    public HttpClient Client { get; } = client;

    public string Project => $"/api/v1/projects/{tenant.ProjectId}";

    public static async Task<E2E> CreateAsync(EndToEndFactory factory)
    {
        var tenant = await Tenant.CreateAsync(factory.Api);
        var developer = await tenant.AddMemberAsync("Developer");
        return new E2E(factory, tenant, developer.Client);
    }

    /// <summary>Pushes the package, with <c>VERSION</c> in main.py set to <paramref name="version"/> and its state folder set.</summary>
    public async Task<JsonElement> PushAsync(int version = 1)
    {
        var main = PackageSource(factory.StateDir).Replace("VERSION = 1", $"VERSION = {version}", StringComparison.Ordinal);
        using var response = await Codebases.PushAsync(Client, tenant.ProjectId, File.ReadAllText(Path.Combine(PackageDir, "faas.json")), Codebases.Zip(("main.py", main)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The package's main.py, counting its calls in <paramref name="stateDir"/>.</summary>
    public static string PackageSource(string stateDir) =>
        File.ReadAllText(Path.Combine(PackageDir, "main.py")).Replace("STATE_DIR = None", $"STATE_DIR = {JsonSerializer.Serialize(stateDir)}", StringComparison.Ordinal);

    public async Task<string> DeployAsync(object body)
    {
        var service = await Tenant.PostAsync(Client, $"{Project}/services", body);
        return service.GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> StatusAsync(string serviceId) =>
        await Client.GetFromJsonAsync<JsonElement>($"{Project}/services/{serviceId}/status");

    public async Task<JsonElement> WaitForStatusAsync(string serviceId, string status, TimeSpan? timeout = null)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(
            async () => (last = await StatusAsync(serviceId)).GetProperty("status").GetString() == status,
            timeout ?? TimeSpan.FromSeconds(60),
            $"Service {serviceId} did not become {status}");
        return last;
    }

    public async Task<JsonElement> ExecuteAsync(string serviceId, string function, object input, bool wait = false, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Project}/services/{serviceId}/execute{(wait ? "?wait=true&timeout=60" : string.Empty)}")
        {
            Content = JsonContent.Create(new { functionName = function, input }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Long-polls until the execution is final and returns it.</summary>
    public async Task<JsonElement> WaitForFinishAsync(string executionId, int seconds = 60)
    {
        var execution = await Client.GetFromJsonAsync<JsonElement>($"{Project}/executions/{executionId}?waitFor=finished&timeout={seconds}");
        var status = execution.GetProperty("latestStatus").GetProperty("status").GetString();
        Assert.True(status is "success" or "failed" or "terminated" or "aborted" or "system-failure", $"Execution {executionId} is still {status}: {execution}");
        return execution;
    }

    public int Runs(string key) => factory.Runs(key);
}
