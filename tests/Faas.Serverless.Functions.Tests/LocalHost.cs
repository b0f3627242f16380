using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Functions.Tests;

/// <summary>The local host (hosts/Faas.Serverless.Host) on its own Azurite, as <c>./scripts/start.sh</c> runs it.</summary>
public sealed class LocalHost : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";

    private readonly AzuriteFixture _azurite = new();
    private Factory? _factory;

    public IServiceProvider Services => Started.Services;

    /// <summary>Every endpoint the host routes requests to.</summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    /// <summary>
    /// The endpoints of the API, under the route prefix. The pages the local host serves beside it (the dashboard, the
    /// OpenAPI document and its reference page) are not functions (docs/api.md#openapi, docs/dashboard.md).
    /// </summary>
    public IReadOnlyList<RouteEndpoint> ApiEndpoints =>
        Endpoints.Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith(FunctionsApp.RoutePrefix().Trim('/') + "/", StringComparison.OrdinalIgnoreCase) == true).ToList();

    private Factory Started => _factory ?? throw new InvalidOperationException("The host has not been started.");

    public HttpClient CreateAdminClient()
    {
        var client = Started.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _factory = new Factory(_azurite.ConnectionString);
        _ = _factory.Services;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    private sealed class Factory(string storage) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("AzureWebJobsStorage", storage);
            builder.UseSetting("Faas:Auth:AdminKey", AdminKey);
            builder.UseSetting("Faas:Runners:Provider", "External");
        }
    }
}
