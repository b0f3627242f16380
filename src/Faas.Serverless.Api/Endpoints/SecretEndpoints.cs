using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Secrets;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// Project secrets: values go in and never come out. Listing and reading show names, versions and who changed them;
/// only the runners of the services that name a secret get its value (<see cref="RunnerEndpoints"/>).
/// </summary>
internal static class SecretEndpoints
{
    public static void MapSecretEndpoints(this RouteGroupBuilder project)
    {
        var group = project.MapGroup("/secrets").WithTags("Secrets");
        group.MapGet("/", ListAsync);
        group.MapGet("/{name}", GetAsync);
        group.MapPost("/{name}", (string name, SecretValueRequest request, HttpContext http, SecretManager secrets, CancellationToken cancellationToken) =>
            SetAsync(name, request, createOnly: true, http, secrets, cancellationToken)).RequireProjectRole(ProjectRole.Developer);
        group.MapPut("/{name}", (string name, SecretValueRequest request, HttpContext http, SecretManager secrets, CancellationToken cancellationToken) =>
            SetAsync(name, request, createOnly: false, http, secrets, cancellationToken)).RequireProjectRole(ProjectRole.Developer);
        group.MapDelete("/{name}", DeleteAsync).RequireProjectRole(ProjectRole.Developer);
    }

    /// <summary>A page like every other listing; a project's secrets are few, so it is always the only one.</summary>
    private static async Task<Ok<Page<SecretResponse>>> ListAsync(HttpContext http, ISecretStore secrets, CancellationToken cancellationToken)
    {
        var all = await secrets.ListAsync(http.GetProjectScope().Project.Id, cancellationToken);
        return TypedResults.Ok(new Page<SecretResponse>([.. all.Select(SecretResponse.From)], null));
    }

    private static async Task<Results<Ok<SecretResponse>, ProblemHttpResult>> GetAsync(string name, HttpContext http, ISecretStore secrets, CancellationToken cancellationToken)
    {
        var secret = SecretRules.NameProblem(name) is null ? await secrets.GetAsync(http.GetProjectScope().Project.Id, name, cancellationToken) : null;
        return secret is null ? NotFound(name) : TypedResults.Ok(SecretResponse.From(secret));
    }

    private static async Task<Results<Created<SecretChangeResponse>, Ok<SecretChangeResponse>>> SetAsync(
        string name, SecretValueRequest request, bool createOnly, HttpContext http, SecretManager secrets, CancellationToken cancellationToken)
    {
        var projectId = http.GetProjectScope().Project.Id;
        var change = await secrets.SetAsync(projectId, name, request.Value, Caller.From(http.User).Id, createOnly, cancellationToken);
        var response = new SecretChangeResponse(SecretResponse.From(change.Secret), change.RestartedServices);
        return change.Created
            ? TypedResults.Created($"/api/v1/projects/{projectId}/secrets/{name}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string name, HttpContext http, SecretManager secrets, CancellationToken cancellationToken)
    {
        var restarted = await secrets.DeleteAsync(http.GetProjectScope().Project.Id, name, Caller.From(http.User).Id, cancellationToken);
        return restarted is null ? NotFound(name) : TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(string name) => Problems.NotFound($"Secret '{name}' was not found.");
}

/// <summary>The body of a create or update: the value, at most 64 KiB of UTF-8.</summary>
public sealed record SecretValueRequest(string? Value);

/// <summary>A secret as the API shows it: never its value.</summary>
public sealed record SecretResponse(string Name, int Version, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static SecretResponse From(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new(secret.Name, secret.Version, secret.CreatedAt, secret.CreatedBy, secret.UpdatedAt, secret.UpdatedBy);
    }
}

/// <param name="RestartedServices">The services whose replicas are being replaced so that they get the new value.</param>
public sealed record SecretChangeResponse(SecretResponse Secret, IReadOnlyList<string> RestartedServices);
