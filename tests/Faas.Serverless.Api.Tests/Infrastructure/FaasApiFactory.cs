using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Faas.Serverless.Api.Tests.Infrastructure;

/// <summary>A host on its own tables and container in the shared Azurite, so tests never see each other's data.</summary>
public sealed class FaasApiFactory(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    public string TablePrefix { get; } = "t" + AzuriteFixture.UniqueName("x")[..12];

    public string CodebaseContainer { get; } = AzuriteFixture.UniqueName("code");

    /// <summary>The Durable Task hub of this host alone; a second host on the same tables passes it to share the work.</summary>
    public string HubName { get; } = AzuriteFixture.UniqueName("hub");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.UseSetting("Faas:Auth:AdminKey", AdminKey);
        builder.UseSetting("Faas:Storage:TablePrefix", TablePrefix);
        builder.UseSetting("Faas:Storage:CodebaseContainer", CodebaseContainer);
        builder.UseSetting("Faas:Queues:QueuePrefix", TablePrefix.ToLowerInvariant());
        builder.UseSetting("AzureFunctionsJobHost:extensions:durableTask:hubName", HubName);
        builder.UseSetting("Faas:Runners:Provider", "External");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient CreateClient(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminKey);
}
