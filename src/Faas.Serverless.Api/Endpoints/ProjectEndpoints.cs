using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

public sealed record CreateProjectRequest(string? Name, string? OrganizationId, string? OwnerId);

public sealed record ProjectMemberRequest(string? UserId, string? Role);

internal static class ProjectEndpoints
{
    public static void MapProjectEndpoints(this RouteGroupBuilder api, RouteGroupBuilder project)
    {
        var group = api.MapGroup("/projects").WithTags("Projects");
        group.MapPost("/", CreateAsync);
        group.MapGet("/", ListAsync);

        project.MapGet("/", (HttpContext http) => TypedResults.Ok(http.GetProjectScope().Project)).WithTags("Projects");
        var members = project.MapGroup("/members").WithTags("Project members");
        members.MapGet("/", ListMembersAsync);
        members.MapPost("/", SetMemberAsync).RequireProjectRole(ProjectRole.Owner);
        members.MapPut("/{userId}", (string userId, ProjectMemberRequest request, HttpContext http, IProjectStore projects, IOrganizationStore organizations, IUserStore users, TimeProvider clock, CancellationToken cancellationToken) =>
            SetMemberAsync(request with { UserId = userId }, http, projects, organizations, users, clock, cancellationToken)).RequireProjectRole(ProjectRole.Owner);
        members.MapDelete("/{userId}", RemoveMemberAsync).RequireProjectRole(ProjectRole.Owner);
    }

    private static async Task<Results<Created<Project>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest request, HttpContext http, IProjectStore projects, IOrganizationStore organizations, IUserStore users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        var errors = Validate.Errors(
            ("name", Validate.Name(request.Name, "name")),
            ("organizationId", string.IsNullOrWhiteSpace(request.OrganizationId) ? "organizationId is required." : null),
            ("ownerId", request.OwnerId is not null && !caller.IsAdmin ? "Only the platform admin names another owner; the creator owns the project." : null));
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var organization = await organizations.GetAsync(request.OrganizationId!, cancellationToken);
        if (organization is null || (!caller.IsAdmin && await organizations.GetMemberAsync(organization.Id, caller.Id, cancellationToken) is null))
        {
            return Problems.Invalid("organizationId", $"Organization '{request.OrganizationId}' was not found.");
        }

        var ownerId = caller.IsAdmin ? request.OwnerId : caller.Id;
        if (ownerId is not null && await MembershipErrorAsync(ownerId, organization.Id, organizations, users, cancellationToken) is { } ownerError)
        {
            return Problems.Invalid("ownerId", ownerError);
        }

        var now = clock.GetUtcNow();
        var project = new Project(Ids.New(), request.Name!.Trim(), organization.Id, now, caller.Id);
        await projects.CreateAsync(project, ownerId is null ? null : new ProjectMember(project.Id, ownerId, ProjectRole.Owner, now), cancellationToken);
        return TypedResults.Created($"/api/v1/projects/{project.Id}", project);
    }

    private static async Task<Ok<Page<Project>>> ListAsync(
        HttpContext http, IProjectStore projects, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        return TypedResults.Ok(caller.IsAdmin
            ? await projects.ListAsync(Paging.Request(pageSize, continuationToken), cancellationToken)
            : new Page<Project>(await projects.ListForUserAsync(caller.Id, cancellationToken), null));
    }

    private static async Task<Ok<Page<ProjectMember>>> ListMembersAsync(HttpContext http, IProjectStore projects, CancellationToken cancellationToken) =>
        TypedResults.Ok(Paging.All(await projects.ListMembersAsync(http.GetProjectScope().Project.Id, cancellationToken)));

    private static async Task<Results<Ok<ProjectMember>, ValidationProblem>> SetMemberAsync(
        ProjectMemberRequest request, HttpContext http, IProjectStore projects, IOrganizationStore organizations, IUserStore users, TimeProvider clock, CancellationToken cancellationToken)
    {
        var project = http.GetProjectScope().Project;
        var role = ProjectRole.Viewer;
        var errors = Validate.Errors(
            ("userId", string.IsNullOrWhiteSpace(request.UserId) ? "userId is required." : null),
            ("role", Validate.TryParseRole(request.Role, out role) ? null : Validate.RoleMessage<ProjectRole>(request.Role)));
        if (errors.Count == 0 && await MembershipErrorAsync(request.UserId!, project.OrganizationId, organizations, users, cancellationToken) is { } error)
        {
            errors["userId"] = [error];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var member = new ProjectMember(project.Id, request.UserId!, role, clock.GetUtcNow());
        await projects.SetMemberAsync(member, cancellationToken);
        return TypedResults.Ok(member);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(
        string userId, HttpContext http, IProjectStore projects, CancellationToken cancellationToken)
    {
        var project = http.GetProjectScope().Project;
        return await projects.RemoveMemberAsync(project.Id, userId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"User '{userId}' is not a member of project '{project.Id}'.");
    }

    /// <summary>Project members must belong to the organization that owns the project.</summary>
    private static async Task<string?> MembershipErrorAsync(
        string userId, string organizationId, IOrganizationStore organizations, IUserStore users, CancellationToken cancellationToken) =>
        await users.GetAsync(userId, cancellationToken) is null ? $"User '{userId}' does not exist."
        : await organizations.GetMemberAsync(organizationId, userId, cancellationToken) is null ? $"User '{userId}' is not a member of organization '{organizationId}'."
        : null;
}
