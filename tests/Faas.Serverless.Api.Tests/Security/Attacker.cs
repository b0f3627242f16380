using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;

namespace Faas.Serverless.Api.Tests.Security;

/// <summary>A project of its own running the attacker package (or a copy with another marker) through the public API.</summary>
public sealed class Attacker(Tenant tenant, HttpClient client)
{
    private static readonly string PackageDir = Path.Combine(AppContext.BaseDirectory, "Security", "Package");

    public HttpClient Client { get; } = client;

    public Tenant Tenant { get; } = tenant;

    public string Project => $"/api/v1/projects/{Tenant.ProjectId}";

    public static async Task<Attacker> CreateAsync(EndToEndFactory factory)
    {
        var tenant = await Tenant.CreateAsync(factory.Api);
        var developer = await tenant.AddMemberAsync("Developer");
        return new Attacker(tenant, developer.Client);
    }

    /// <summary>Pushes the package with <paramref name="marker"/> as what <c>marker()</c> returns, deploys it and waits until it is Active.</summary>
    public async Task<string> DeployAsync(string name, string marker)
    {
        var main = File.ReadAllText(Path.Combine(PackageDir, "main.py")).Replace("MARKER = \"attacker\"", $"MARKER = \"{marker}\"", StringComparison.Ordinal);
        using var pushed = await Codebases.PushAsync(Client, Tenant.ProjectId, File.ReadAllText(Path.Combine(PackageDir, "faas.json")), Codebases.Zip(("main.py", main)));
        Assert.True(pushed.StatusCode == HttpStatusCode.Created, await pushed.Content.ReadAsStringAsync());
        var service = await Tenant.PostAsync(Client, $"{Project}/services", new { name, packageName = "attacker" });
        var serviceId = service.GetProperty("id").GetString()!;
        await WaitForActiveAsync(serviceId);
        return serviceId;
    }

    public async Task<JsonElement> StatusAsync(string serviceId) =>
        await Client.GetFromJsonAsync<JsonElement>($"{Project}/services/{serviceId}/status");

    public async Task WaitForActiveAsync(string serviceId) =>
        await Eventually.TrueAsync(
            async () => (await StatusAsync(serviceId)).GetProperty("status").GetString() == "Active",
            TimeSpan.FromSeconds(60),
            $"Service {serviceId} did not become Active");

    /// <summary>Runs <paramref name="function"/> to the end and returns its output.</summary>
    public async Task<JsonElement> CallAsync(string serviceId, string function, object? input = null)
    {
        using var response = await Client.PostAsJsonAsync($"{Project}/services/{serviceId}/execute?wait=true&timeout=60", new { functionName = function, input = input ?? new { } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var execution = JsonDocument.Parse(text).RootElement;
        Assert.True(execution.GetProperty("latestStatus").GetProperty("status").GetString() == "success", text);
        return execution.GetProperty("output").Clone();
    }

    /// <summary>The agent pids of the service's replicas, as the host sees them.</summary>
    public async Task<IReadOnlyList<int>> ReplicaPidsAsync(string serviceId) =>
        [.. (await StatusAsync(serviceId)).GetProperty("replicas").EnumerateArray().Select(replica => replica.GetProperty("pid").GetInt32())];
}
