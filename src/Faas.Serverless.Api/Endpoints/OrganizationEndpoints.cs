using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

public sealed record CreateOrganizationRequest(string? Name);

public sealed record AddOrganizationMemberRequest(string? UserId, string? Role);

internal static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{organizationId}", GetAsync);
        group.MapPost("/{organizationId}/members", AddMemberAsync);
        group.MapGet("/{organizationId}/members", ListMembersAsync);
        group.MapDelete("/{organizationId}/members/{userId}", RemoveMemberAsync);
    }

    private static async Task<Results<Created<Organization>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOrganizationRequest request, HttpContext http, IOrganizationStore organizations, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!caller.IsAdmin)
        {
            return Problems.Forbidden("Only the platform admin creates organizations.");
        }

        if (Validate.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid("name", error);
        }

        var organization = new Organization(Ids.New(), request.Name!.Trim(), clock.GetUtcNow(), caller.Id);
        await organizations.CreateAsync(organization, cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{organization.Id}", organization);
    }

    private static async Task<Ok<Page<Organization>>> ListAsync(
        HttpContext http, IOrganizationStore organizations, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        return TypedResults.Ok(caller.IsAdmin
            ? await organizations.ListAsync(Paging.Request(pageSize, continuationToken), cancellationToken)
            : new Page<Organization>(await organizations.ListForUserAsync(caller.Id, cancellationToken), null));
    }

    private static async Task<Results<Ok<Organization>, ProblemHttpResult>> GetAsync(
        string organizationId, HttpContext http, IOrganizationStore organizations, CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(organizationId, Caller.From(http.User), organizations, cancellationToken);
        return access.Organization is null ? Problems.NotFound(NotFoundMessage(organizationId)) : TypedResults.Ok(access.Organization);
    }

    private static async Task<Results<Created<OrganizationMember>, ValidationProblem, ProblemHttpResult>> AddMemberAsync(
        string organizationId, AddOrganizationMemberRequest request, HttpContext http, IOrganizationStore organizations, IUserStore users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(organizationId, Caller.From(http.User), organizations, cancellationToken);
        if (access.Organization is null)
        {
            return Problems.NotFound(NotFoundMessage(organizationId));
        }

        if (access.Role != OrganizationRole.Owner)
        {
            return Problems.Forbidden("Only organization owners add members.");
        }

        var role = OrganizationRole.Member;
        var errors = Validate.Errors(
            ("userId", string.IsNullOrWhiteSpace(request.UserId) ? "userId is required." : null),
            ("role", request.Role is null || Validate.TryParseRole(request.Role, out role) ? null : Validate.RoleMessage<OrganizationRole>(request.Role)));
        if (errors.Count == 0 && await users.GetAsync(request.UserId!, cancellationToken) is null)
        {
            errors["userId"] = [$"User '{request.UserId}' does not exist."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var member = new OrganizationMember(organizationId, request.UserId!, role, clock.GetUtcNow());
        await organizations.SetMemberAsync(member, cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{organizationId}/members/{member.UserId}", member);
    }

    private static async Task<Results<Ok<Page<OrganizationMember>>, ProblemHttpResult>> ListMembersAsync(
        string organizationId, HttpContext http, IOrganizationStore organizations, CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(organizationId, Caller.From(http.User), organizations, cancellationToken);
        return access.Organization is null
            ? Problems.NotFound(NotFoundMessage(organizationId))
            : TypedResults.Ok(Paging.All(await organizations.ListMembersAsync(organizationId, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(
        string organizationId, string userId, HttpContext http, IOrganizationStore organizations, IProjectStore projects, CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(organizationId, Caller.From(http.User), organizations, cancellationToken);
        if (access.Organization is null)
        {
            return Problems.NotFound(NotFoundMessage(organizationId));
        }

        if (access.Role != OrganizationRole.Owner)
        {
            return Problems.Forbidden("Only organization owners remove members.");
        }

        if (!await organizations.RemoveMemberAsync(organizationId, userId, cancellationToken))
        {
            return Problems.NotFound($"User '{userId}' is not a member of organization '{organizationId}'.");
        }

        // Project access requires organization membership, so leaving the organization leaves its projects too.
        foreach (var project in (await projects.ListForUserAsync(userId, cancellationToken)).Where(p => p.OrganizationId == organizationId))
        {
            await projects.RemoveMemberAsync(project.Id, userId, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Non-members see nothing of an organization: it resolves to null, which callers turn into 404.</summary>
    private static async Task<(Organization? Organization, OrganizationRole? Role)> ResolveAsync(
        string organizationId, Caller caller, IOrganizationStore organizations, CancellationToken cancellationToken)
    {
        var organization = await organizations.GetAsync(organizationId, cancellationToken);
        if (organization is null || caller.IsAdmin)
        {
            return (organization, organization is null ? null : OrganizationRole.Owner);
        }

        var member = await organizations.GetMemberAsync(organizationId, caller.Id, cancellationToken);
        return member is null ? (null, null) : (organization, member.Role);
    }

    private static string NotFoundMessage(string organizationId) => $"Organization '{organizationId}' was not found.";
}
