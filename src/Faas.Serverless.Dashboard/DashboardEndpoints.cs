using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Faas.Serverless.Dashboard;

/// <summary>
/// Serves the dashboard: the page at <c>/</c> and its files under <c>/ui/{version}/</c>. Both are anonymous: the
/// page holds no data, and every call it makes to <c>/api/v1</c> carries the API key the user pasted. Only these
/// two routes are mapped, so unknown API paths keep their 404 problem details.
/// </summary>
public static class DashboardEndpoints
{
    public const string AssetPrefix = "/ui";

    // The page runs only its own scripts and talks only to its own origin, so a pasted key cannot be sent elsewhere.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IEndpointConventionBuilder MapFaasDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var assets = DashboardAssets.Load();
        var group = endpoints.MapGroup(string.Empty).AllowAnonymous().ExcludeFromDescription().WithTags("Dashboard");
        group.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) =>
        {
            SetHeaders(http, "no-cache");
            http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return Serve(assets.Index);
        });
        group.MapMethods(AssetPrefix + "/{version}/{**path}", [HttpMethods.Get, HttpMethods.Head], Results<FileContentHttpResult, NotFound> (string version, string? path, HttpContext http) =>
        {
            if (path is null || path == DashboardAssets.IndexFile || assets.Find(path) is not { } asset)
            {
                return TypedResults.NotFound();
            }

            // Another version's URL (a page loaded before the host was updated) gets today's file, revalidated.
            SetHeaders(http, version == assets.Version ? "public, max-age=31536000, immutable" : "no-cache");
            return Serve(asset);
        });
        return group;
    }

    private static void SetHeaders(HttpContext http, string cacheControl)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    private static FileContentHttpResult Serve(DashboardAsset asset) =>
        TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
}
