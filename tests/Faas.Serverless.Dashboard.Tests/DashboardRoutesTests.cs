using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Faas.Serverless.Dashboard.Tests.Infrastructure;

namespace Faas.Serverless.Dashboard.Tests;

/// <summary>The page and its files are served without a key; the API behind them is not, and keeps its 404s.</summary>
[Collection("Dashboard")]
public sealed partial class DashboardRoutesTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Root_WithoutApiKey_ServesPageAndCacheableAssetsWhileTheApiStillNeedsAKey()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseUrl };

        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoCache);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        var script = AppScript().Match(html);
        Assert.True(script.Success, html);

        using var asset = await http.GetAsync(script.Groups["path"].Value);
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("import", await asset.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, script.Groups["path"].Value);
        revalidate.Headers.IfNoneMatch.Add(asset.Headers.ETag!);
        using var notModified = await http.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var missingAsset = await http.GetAsync($"/ui/{script.Groups["version"].Value}/nope.js");
        Assert.Equal(HttpStatusCode.NotFound, missingAsset.StatusCode);
        Assert.Equal("application/problem+json", missingAsset.Content.Headers.ContentType?.MediaType);

        using var anonymous = await http.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-route");
        unknown.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Tenant.Key);
        using var notFound = await http.SendAsync(unknown);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal("application/problem+json", notFound.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, JsonDocument.Parse(await notFound.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
    }

    [GeneratedRegex("src=\"(?<path>/ui/(?<version>[0-9a-f]{12})/app\\.js)\"")]
    private static partial Regex AppScript();
}
