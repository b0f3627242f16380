using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Hosting;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Endpoints;

internal static class PackageEndpoints
{
    public static void MapPackageEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/packages").WithTags("Packages");
        group.MapPost("/", PushAsync).RequireProjectRole(ProjectRole.Developer).DisableAntiforgery();
        group.MapGet("/", ListAsync);
        group.MapGet("/{packageId}", GetAsync);
        group.MapPatch("/{packageId}", UpdateAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapDelete("/{packageId}", DeleteAsync).RequireProjectRole(ProjectRole.Developer);
        group.MapGet("/{packageId}/revisions", ListRevisionsAsync);
        group.MapGet("/{packageId}/codebase", DownloadCodebaseAsync).Produces<Stream>(StatusCodes.Status200OK, "application/zip");
    }

    /// <summary>Says whether a push added a revision (<c>created</c>) or found its content already latest (<c>unchanged</c>).</summary>
    internal const string PushResultHeader = "Faas-Push-Result";

    private static async Task<Results<Created<PackageResponse>, Ok<PackageResponse>>> PushAsync(
        HttpContext http, PackageService service, IOptions<PackageOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        await using var upload = await PackageUpload.ReadAsync(http.Request, options.Value, json.Value.SerializerOptions, cancellationToken);
        var (package, created) = await service.PushAsync(projectId, upload.Schema, upload.Codebase, Caller.From(http.User).Id, cancellationToken);
        var location = $"/api/v1/projects/{projectId}/packages/{package.Id}";
        http.Response.Headers.ETag = package.ETag;
        http.Response.Headers[PushResultHeader] = created ? "created" : "unchanged";
        if (created)
        {
            return TypedResults.Created(location, PackageResponse.From(package));
        }

        http.Response.Headers.ContentLocation = location;
        return TypedResults.Ok(PackageResponse.From(package));
    }

    private static async Task<Results<Ok<Page<PackageResponse>>, ProblemHttpResult>> ListAsync(
        HttpContext http, IPackageStore packages, string? name, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        if (name is not null)
        {
            var named = await packages.FindByNameAsync(projectId, name, cancellationToken);
            return TypedResults.Ok(new Page<PackageResponse>(named is null ? [] : [PackageResponse.From(named)], null));
        }

        var page = await packages.ListAsync(projectId, Paging.Request(pageSize, continuationToken), cancellationToken);
        return TypedResults.Ok(new Page<PackageResponse>([.. page.Items.Select(p => PackageResponse.From(p))], page.ContinuationToken));
    }

    private static async Task<Results<Ok<PackageResponse>, ProblemHttpResult>> GetAsync(
        string packageId, int? revision, HttpContext http, IPackageStore packages, CancellationToken cancellationToken)
    {
        var (package, snapshot, problem) = await ResolveAsync(http, packageId, revision, packages, cancellationToken);
        if (package is null)
        {
            return problem!;
        }

        http.Response.Headers.ETag = package.ETag;
        return TypedResults.Ok(PackageResponse.From(package, snapshot));
    }

    private static async Task<Results<Ok<PackageResponse>, ProblemHttpResult>> UpdateAsync(
        string packageId, PackageSchemaInput patch, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, PackageService service, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var package = await service.UpdateAsync(projectId, packageId, patch, ifMatch, Caller.From(http.User).Id, cancellationToken);
        if (package is null)
        {
            return NotFound(packageId);
        }

        http.Response.Headers.ETag = package.ETag;
        return TypedResults.Ok(PackageResponse.From(package));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string packageId, [FromHeader(Name = "If-Match")] string? ifMatch, HttpContext http, IPackageStore packages, CancellationToken cancellationToken)
    {
        var package = await packages.GetAsync(http.GetProjectScope().Project.Id, packageId, cancellationToken);
        if (package is null)
        {
            return NotFound(packageId);
        }

        if (ifMatch is not null && ifMatch != package.ETag)
        {
            return Problems.PreconditionFailed($"Package '{packageId}' is at version {package.Version}; the If-Match ETag is stale.");
        }

        await packages.DeleteAsync(package, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<PackageRevisionResponse>>, ProblemHttpResult>> ListRevisionsAsync(
        string packageId, int? pageSize, string? continuationToken, HttpContext http, IPackageStore packages, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var package = await packages.GetAsync(projectId, packageId, cancellationToken);
        if (package is null)
        {
            return NotFound(packageId);
        }

        var page = await packages.ListRevisionsAsync(projectId, packageId, Paging.Request(pageSize, continuationToken), cancellationToken);
        return TypedResults.Ok(new Page<PackageRevisionResponse>([.. page.Items.Select(r => PackageRevisionResponse.From(package, r))], page.ContinuationToken));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadCodebaseAsync(
        string packageId, int? revision, HttpContext http, IPackageStore packages, ICodebaseStore codebases, CancellationToken cancellationToken)
    {
        var (package, snapshot, problem) = await ResolveAsync(http, packageId, revision, packages, cancellationToken);
        if (package is null)
        {
            return problem!;
        }

        var codebase = snapshot?.Codebase ?? package.Codebase;
        var number = snapshot?.Revision ?? package.Version;
        http.Response.Headers.ETag = $"\"{codebase.Sha256}\"";
        return TypedResults.File(await codebases.OpenReadAsync(codebase, cancellationToken), "application/zip", $"{package.Name}-r{number}.zip");
    }

    /// <summary>The package, and the requested revision when <paramref name="revision"/> is given.</summary>
    private static async Task<(Package? Package, PackageRevision? Revision, ProblemHttpResult? Problem)> ResolveAsync(
        HttpContext http, string packageId, int? revision, IPackageStore packages, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var package = await packages.GetAsync(projectId, packageId, cancellationToken);
        if (package is null)
        {
            return (null, null, NotFound(packageId));
        }

        if (revision is null)
        {
            return (package, null, null);
        }

        var snapshot = await packages.GetRevisionAsync(projectId, packageId, revision.Value, cancellationToken);
        return snapshot is null
            ? (null, null, Problems.NotFound($"Package '{package.Name}' has revisions 1 to {package.Version}; revision {revision} does not exist."))
            : (package, snapshot, null);
    }

    private static ProblemHttpResult NotFound(string packageId) => Problems.NotFound($"Package '{packageId}' was not found.");
}
