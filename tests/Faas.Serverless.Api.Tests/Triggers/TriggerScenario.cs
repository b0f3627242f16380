using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Api.Tests.Triggers;

/// <summary>
/// A host, a project with a developer, and a service whose module has <c>run(item: Item, label: String)</c> and
/// <c>tick(key: String)</c>. The runner provider is External, so executions are created and queued but not run.
/// </summary>
public sealed class TriggerScenario : IAsyncDisposable
{
    public const string Main = """
        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def run(self, item, label):
                return {"id": item.id, "label": label}

            def tick(self, key):
                return key
        """;

    private TriggerScenario(FaasApiFactory factory, Tenant tenant, Member developer, string apiKey, JsonElement service)
    {
        Factory = factory;
        Tenant = tenant;
        Developer = developer.Client;
        ApiKey = apiKey;
        ServiceId = service.GetProperty("id").GetString()!;
        BotId = service.GetProperty("bot").GetString()!;
    }

    public FaasApiFactory Factory { get; }

    public Tenant Tenant { get; }

    public HttpClient Developer { get; }

    public string ApiKey { get; }

    public string ServiceId { get; }

    public string BotId { get; }

    /// <summary>Where the host listens: http://127.0.0.1:{port} with Kestrel, else the in-memory server's address.</summary>
    public Uri BaseUri { get; private init; } = new("http://localhost");

    public string Project => $"/api/v1/projects/{Tenant.ProjectId}";

    public string Triggers => $"{Project}/triggers";

    /// <param name="kestrel">Serve on http://127.0.0.1:{free port} instead of in memory, for clients with their own transport.</param>
    public static async Task<TriggerScenario> CreateAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var factory = new FaasApiFactory(azurite, settings);
        var baseUri = new Uri("http://localhost");
        if (kestrel)
        {
            var port = AzuriteFixture.FreePort();
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            baseUri = new Uri($"http://127.0.0.1:{port}");
        }
        var tenant = await Tenant.CreateAsync(factory);
        var userId = await tenant.CreateUserAsync();
        var admin = factory.CreateAdminClient();
        await Tenant.PostAsync(admin, $"/api/v1/organizations/{tenant.OrganizationId}/members", new { userId, role = "Member" });
        await Tenant.PostAsync(admin, $"/api/v1/projects/{tenant.ProjectId}/members", new { userId, role = "Developer" }, expectCreated: false);
        var key = await tenant.IssueKeyAsync(userId);
        var developer = new Member(userId, factory.CreateClient(key));
        using var push = await Codebases.PushAsync(developer.Client, tenant.ProjectId, Schema(), Codebases.Zip(("main.py", Main)));
        Assert.True(push.StatusCode == HttpStatusCode.Created, await push.Content.ReadAsStringAsync());
        var service = await Tenant.PostAsync(developer.Client, $"/api/v1/projects/{tenant.ProjectId}/services", new { name = "reactor", packageName = "trigger-package" });
        return new TriggerScenario(factory, tenant, developer, key, service) { BaseUri = baseUri };
    }

    private static int _triggerNames;

    /// <param name="name">Trigger names are unique per project; absent, each call gets a name of its own.</param>
    public static object EventTrigger(string serviceId, string[] actions, object? filter = null, string mode = "Always", string resource = "Item", string? name = null) => new
    {
        name = name ?? $"on-items-{Interlocked.Increment(ref _triggerNames)}",
        type = "Event",
        spec = new
        {
            resource,
            actions,
            filter = filter ?? new { },
            executionMode = mode,
            input = new { label = "cat" },
            operation = new { type = "function", serviceId, functionName = "run" },
        },
    };

    public async Task<string> CreateTriggerAsync(object body) =>
        (await Tenant.PostAsync(Developer, Triggers, body)).GetProperty("id").GetString()!;

    public Task<HttpResponseMessage> PostEventGridAsync(params object[] events) =>
        Developer.PostAsJsonAsync($"{Project}/events/eventgrid", events);

    public Task<HttpResponseMessage> PostCloudEventsAsync(object body, string mediaType) =>
        Developer.PostAsync($"{Project}/events/cloudevents", new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, mediaType));

    public static object GridEvent(string id, string type, object data) =>
        new { id, eventType = type, subject = "/items/x", eventTime = "2026-11-21T09:00:00Z", data, dataVersion = "1.0" };

    public async Task<JsonElement> SendEventGridAsync(params object[] events)
    {
        using var response = await PostEventGridAsync(events);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The trigger's executions as stored: input, trigger id and the event context the function sees.</summary>
    public Task<IReadOnlyList<ExecutionInfo>> ExecutionsAsync(string triggerId) => ExecutionsAsync(Factory, triggerId);

    public async Task<IReadOnlyList<ExecutionInfo>> ExecutionsAsync(FaasApiFactory factory, string triggerId)
    {
        var store = factory.Services.GetRequiredService<IExecutionStore>();
        var page = await store.ListAsync(new ExecutionQuery(Tenant.ProjectId, TriggerId: triggerId), new Domain.Common.PageRequest(500));
        var records = await Task.WhenAll(page.Items.Select(summary => store.GetAsync(summary.Id)));
        return [.. records.Select(record => record!.Info).OrderBy(info => info.CreatedAt)];
    }

    /// <summary>The listing of the API, which is what a user sees.</summary>
    public async Task<JsonElement[]> ListExecutionsAsync(string triggerId) =>
        [.. (await Developer.GetFromJsonAsync<JsonElement>($"{Project}/executions?triggerId={triggerId}")).GetProperty("items").EnumerateArray()];

    public async Task<JsonElement> GetTriggerAsync(string triggerId) =>
        await Developer.GetFromJsonAsync<JsonElement>($"{Triggers}/{triggerId}");

    public async Task SetServiceActiveAsync(bool active)
    {
        using var response = await Developer.PostAsync($"{Project}/services/{ServiceId}/{(active ? "start" : "stop")}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();

    private static object Schema() => new
    {
        name = "trigger-package",
        modules = new[]
        {
            new
            {
                name = "default_module",
                entryPoint = "main.py",
                className = "ServiceRunner",
                functions = new object[]
                {
                    new { name = "run", input = new[] { new { name = "item", type = "Item" }, new { name = "label", type = "String" } } },
                    new { name = "tick", input = new[] { new { name = "key", type = "String" } } },
                },
            },
        },
    };
}
