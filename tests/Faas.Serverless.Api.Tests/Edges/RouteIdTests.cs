using System.Diagnostics;
using System.Net;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Edges;

/// <summary>Ids that cannot name a row are refused at the edge, for every route with an id, before storage is asked.</summary>
[Collection("Azurite")]
public sealed class RouteIdTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string GoodId = "0123456789abcdef0123456789abcdef";

    private static readonly string[] BadIds =
    [
        "a%0D%0Ab",
        "a%0Ab",
        "a%01b",
        "%7F",
        "a%2Fb",
        "a%23b",
        "a%3Fb",
        "a%20b",
        "a%5Cb",
        "%C3%BC",
        "-leading-dash",
        new string('a', 129),
        new string('a', 100_000),
    ];

    /// <summary>Every route with an id parameter, with <c>{id}</c> where the bad id goes and real ids elsewhere.</summary>
    private static readonly (string Method, string Route, string Parameter)[] Routes =
    [
        ("GET", "/api/v1/organizations/{id}", "organizationId"),
        ("POST", "/api/v1/organizations/{id}/members", "organizationId"),
        ("DELETE", "/api/v1/organizations/{org}/members/{id}", "userId"),
        ("GET", "/api/v1/users/{id}", "userId"),
        ("GET", "/api/v1/users/{id}/api-keys", "userId"),
        ("DELETE", "/api/v1/users/admin/api-keys/{id}", "keyId"),
        ("GET", "/api/v1/projects/{id}", "projectId"),
        ("GET", "/api/v1/projects/{id}/services", "projectId"),
        ("GET", "/api/v1/projects/{project}/packages/{id}", "packageId"),
        ("GET", "/api/v1/projects/{project}/packages/{id}/codebase", "packageId"),
        ("GET", "/api/v1/projects/{project}/services/{id}", "serviceId"),
        ("GET", "/api/v1/projects/{project}/services/{id}/status", "serviceId"),
        ("POST", "/api/v1/projects/{project}/services/{id}/execute", "serviceId"),
        ("POST", "/api/v1/projects/{project}/services/{id}/stop", "serviceId"),
        ("GET", "/api/v1/projects/{project}/services/{id}/runner-spec", "serviceId"),
        ("PUT", "/api/v1/projects/{project}/services/{service}/replicas/{id}", "replicaId"),
        ("GET", "/api/v1/projects/{project}/executions/{id}", "executionId"),
        ("GET", "/api/v1/projects/{project}/executions/{id}/logs", "executionId"),
        ("POST", "/api/v1/projects/{project}/executions/{id}/terminate", "executionId"),
        ("POST", "/api/v1/projects/{project}/executions/{id}/rerun", "executionId"),
        ("GET", "/api/v1/projects/{project}/triggers/{id}", "triggerId"),
        ("POST", "/api/v1/projects/{project}/triggers/{id}/activate", "triggerId"),
        ("DELETE", "/api/v1/projects/{project}/bots/{id}", "botId"),
        ("GET", "/api/v1/projects/{project}/dead-letters/{id}", "id"),
        ("POST", "/api/v1/projects/{project}/dead-letters/{id}/replay", "id"),
    ];

    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite);
        _tenant = await Tenant.CreateAsync(_factory);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AnyRoute_BadId_Returns400NamingTheParameterAtOnce()
    {
        using var admin = _factory.CreateAdminClient();
        var failures = new List<string>();
        var slowest = TimeSpan.Zero;
        foreach (var (method, route, parameter) in Routes)
        {
            foreach (var badId in BadIds)
            {
                var url = route.Replace("{org}", _tenant.OrganizationId, StringComparison.Ordinal)
                    .Replace("{project}", _tenant.ProjectId, StringComparison.Ordinal)
                    .Replace("{service}", GoodId, StringComparison.Ordinal)
                    .Replace("{id}", badId, StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "GET" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                var watch = Stopwatch.StartNew();
                using var response = await admin.SendAsync(request);
                var elapsed = watch.Elapsed;
                slowest = elapsed > slowest ? elapsed : slowest;
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"\"{parameter}\"", StringComparison.Ordinal))
                {
                    failures.Add($"{method} {route} with {badId[..Math.Min(badId.Length, 20)]}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.InRange(slowest, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Route_GoodIdThatDoesNotExist_StillReturns404()
    {
        using var admin = _factory.CreateAdminClient();

        using var response = await admin.GetAsync($"/api/v1/projects/{_tenant.ProjectId}/executions/{GoodId}");

        await ProblemAssert.StatusAsync(response, HttpStatusCode.NotFound);
    }
}
