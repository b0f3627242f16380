using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Api.Http;

namespace Faas.Serverless.Api.Auth;

/// <summary>The service a runner call is about, resolved once per request by <see cref="ServiceBotFilter"/>.</summary>
public sealed record RunnerScope(Service Service);

/// <summary>
/// Admits only the service's own bot, with the Developer role it needs in the project; a bot that was removed
/// or demoted is refused here, which is how its runners learn they may no longer run.
/// </summary>
internal sealed class ServiceBotFilter(IServiceStore services) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var scope = http.GetProjectScope();
        var serviceId = http.GetRouteValue("serviceId") as string ?? string.Empty;
        var service = await services.GetAsync(scope.Project.Id, serviceId, http.RequestAborted);
        if (service is null || service.Deleting)
        {
            return Problems.NotFound($"Service '{serviceId}' was not found.");
        }

        var caller = Caller.From(http.User);
        if (caller.Id != service.Spec.BotUserId)
        {
            return Problems.Forbidden($"Only the bot of service '{service.Name}' ({service.Spec.BotUserId}) may call the runner protocol.");
        }

        if (scope.Role < ProjectRole.Developer)
        {
            return Problems.Forbidden($"Bot '{caller.Id}' has the {scope.Role} role in project '{scope.Project.Id}'; running services needs Developer.");
        }

        http.Features.Set(new RunnerScope(service));
        return await next(context);
    }
}

internal static class RunnerScopeExtensions
{
    public static Service GetRunnerService(this HttpContext context) =>
        context.Features.Get<RunnerScope>()?.Service ?? throw new InvalidOperationException("The service bot filter did not run for this route.");
}
