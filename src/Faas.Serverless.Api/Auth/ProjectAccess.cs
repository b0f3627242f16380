using System.Security.Claims;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Api.Http;

namespace Faas.Serverless.Api.Auth;

/// <summary>The project a request targets and the caller's role in it; resolved once per request by the filter.</summary>
public sealed record ProjectScope(Project Project, ProjectRole Role);

/// <summary>
/// Guards every <c>/projects/{projectId}</c> route. A caller who is not a member gets 404, exactly as if the
/// project did not exist, so project ids of other teams cannot be probed.
/// </summary>
internal sealed class ProjectAccessFilter(IProjectStore projects) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var projectId = http.GetRouteValue("projectId") as string ?? string.Empty;
        var caller = Caller.From(http.User);
        var project = await projects.GetAsync(projectId, http.RequestAborted);
        // An event key speaks for its project's publishers: Developer enough to post events, there and only there.
        var eventProject = http.User.FindFirstValue(Caller.EventProjectClaim);
        ProjectRole? role = caller.IsAdmin ? ProjectRole.Owner : eventProject == projectId ? ProjectRole.Developer : null;
        if (project is not null && role is null && eventProject is null)
        {
            role = (await projects.GetMemberAsync(projectId, caller.Id, http.RequestAborted))?.Role;
        }

        if (project is null || role is null)
        {
            return Problems.NotFound($"Project '{projectId}' was not found.");
        }

        http.Features.Set(new ProjectScope(project, role.Value));
        return await next(context);
    }
}

/// <summary>The lowest project role an endpoint accepts; read by the OpenAPI document to say so and to declare its 403.</summary>
public sealed record ProjectRoleRequirement(ProjectRole Minimum);

internal static class ProjectAccessExtensions
{
    public static ProjectScope GetProjectScope(this HttpContext context) =>
        context.Features.Get<ProjectScope>() ?? throw new InvalidOperationException("The project access filter did not run for this route.");

    /// <summary>Members below <paramref name="minimum"/> get 403 and nothing changes.</summary>
    public static RouteHandlerBuilder RequireProjectRole(this RouteHandlerBuilder builder, ProjectRole minimum) =>
        builder.WithMetadata(new ProjectRoleRequirement(minimum)).AddEndpointFilter(async (context, next) =>
        {
            var scope = context.HttpContext.GetProjectScope();
            return scope.Role >= minimum
                ? await next(context)
                : Problems.Forbidden($"This action needs the {minimum} role or higher in project '{scope.Project.Id}'; you are {scope.Role}.");
        });
}
