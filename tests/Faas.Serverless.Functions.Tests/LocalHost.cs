using Faas.Serverless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
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

    /// <summary>
    /// Every endpoint of the API the host routes requests to. The OpenAPI document and its reference page describe the
    /// API rather than being part of it (they exclude themselves from the description): the local host serves them,
    /// the Functions app does not (docs/api.md#openapi).
    /// </summary>
    public IReadOnlyList<RouteEndpoint> Endpoints =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();

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
