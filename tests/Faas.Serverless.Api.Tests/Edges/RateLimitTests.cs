using System.Net;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Edges;

/// <summary>Each API key has its own request window; one key over its limit gets 429 with Retry-After, others go on.</summary>
[Collection("Azurite")]
public sealed class RateLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int PerKey = 8;
    private const int Anonymous = 3;
    private FaasApiFactory _factory = null!;
    private Tenant _tenant = null!;

    public async Task InitializeAsync()
    {
        _factory = new FaasApiFactory(azurite, new Dictionary<string, string?>
        {
            ["Faas:RateLimits:ApiKey:PermitLimit"] = PerKey.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Faas:RateLimits:ApiKey:WindowSeconds"] = "60",
            ["Faas:RateLimits:Anonymous:PermitLimit"] = Anonymous.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Faas:RateLimits:Anonymous:WindowSeconds"] = "60",
        });
        _tenant = await Tenant.CreateAsync(_factory);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Requests_OverTheKeysLimit_Get429WithRetryAfterWhileAnotherKeyIsServed()
    {
        using var first = _factory.CreateClient(await _tenant.IssueKeyAsync(await _tenant.CreateUserAsync()));
        using var second = _factory.CreateClient(await _tenant.IssueKeyAsync(await _tenant.CreateUserAsync()));
        for (var i = 0; i < PerKey; i++)
        {
            using var allowed = await first.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await first.GetAsync("/api/v1/me");
        using var other = await second.GetAsync("/api/v1/me");

        await ProblemAssert.StatusAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.InRange(limited.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AdminKey_IsLimitedToo()
    {
        using var admin = _factory.CreateAdminClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerKey; i++)
        {
            using var response = await admin.GetAsync("/api/v1/me");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }

    [Fact]
    public async Task Anonymous_IsLimitedPerClientAddress()
    {
        using var anonymous = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= Anonymous; i++)
        {
            using var response = await anonymous.GetAsync("/api/health");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, Anonymous).Append(HttpStatusCode.TooManyRequests), statuses);
    }
}
