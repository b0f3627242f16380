using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Functions.Tests;

/// <summary>
/// What an HTTP function does with its request: <see cref="ApiDispatcher"/> runs it through the API's endpoint, the
/// same handler, filters and middleware as the local host, on the same services and storage.
/// </summary>
public sealed class ApiDispatcherTests(LocalHost host) : IClassFixture<LocalHost>
{
    private readonly ApiDispatcher _dispatcher = new(host.Services);

    [Fact]
    public void Endpoints_AreTheLocalHostsEndpoints()
    {
        var local = host.ApiEndpoints.Select(endpoint => endpoint.DisplayName).Order().ToList();
        var dispatched = _dispatcher.Endpoints.Select(endpoint => endpoint.DisplayName).Order().ToList();

        Assert.Equal(local, dispatched);
    }

    [Fact]
    public async Task DispatchAsync_Health_AnswersHealthy()
    {
        var (status, body) = await DispatchAsync("GET", "/api/health");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DispatchAsync_WithoutKey_Returns401Problem()
    {
        var (status, body) = await DispatchAsync("GET", "/api/v1/me", apiKey: null);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task DispatchAsync_MalformedRouteId_Returns400NamingIt()
    {
        var (status, body) = await DispatchAsync("GET", "/api/v1/projects/-leading-dash/services");

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("projectId", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_CreateOrganization_IsReadBackThroughTheLocalHost()
    {
        var (status, created) = await DispatchAsync("POST", "/api/v1/organizations", new { name = "dispatched-org" });
        using var client = host.CreateAdminClient();
        using var read = await client.GetAsync(new Uri($"/api/v1/organizations/{created.GetProperty("id").GetString()}", UriKind.Relative));

        Assert.Equal(StatusCodes.Status201Created, status);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("dispatched-org", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task DispatchAsync_PathOfNoRoute_Returns404()
    {
        var (status, _) = await DispatchAsync("GET", "/api/v1/no-such-resource", parse: false);

        Assert.Equal(StatusCodes.Status404NotFound, status);
    }

    private async Task<(int Status, JsonElement Body)> DispatchAsync(
        string method, string path, object? json = null, string? apiKey = LocalHost.AdminKey, bool parse = true)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        if (apiKey is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {apiKey}";
        }

        if (json is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(json));
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);

            // What a server (the worker's Kestrel) tells a request with a body; a bare context says it has none.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new RequestWithBody());
        }

        using var response = new MemoryStream();
        context.Response.Body = response;
        var result = await _dispatcher.DispatchAsync(context.Request);
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        return (context.Response.StatusCode, parse ? JsonDocument.Parse(response.ToArray()).RootElement.Clone() : default);
    }

    private sealed class RequestWithBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
