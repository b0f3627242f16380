using Faas.Serverless.Domain.Common;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Stores;
using Faas.Serverless.Supervisor.Isolation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

public static class ApiRoutes
{
    public static void MapFaasApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckHealthAsync).AllowAnonymous().WithTags("Health");

        // Outer group filters run first: a malformed id is refused before the project filter reads storage.
        var api = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter<RouteIdFilter>();
        var project = api.MapGroup("/projects/{projectId}").AddEndpointFilter<ProjectAccessFilter>();
        api.MapOrganizationEndpoints();
        api.MapUserEndpoints();
        api.MapProjectEndpoints(project);
        project.MapPackageEndpoints();
        project.MapServiceEndpoints();
        project.MapBotEndpoints();
        project.MapRunnerEndpoints();
        project.MapExecutionEndpoints();
        project.MapDeadLetterEndpoints();
        project.MapTriggerEndpoints();
        project.MapEventEndpoints();
        project.MapSecretEndpoints();
        project.MapServiceEventEndpoints();
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> CheckHealthAsync(StoreTables tables, IReplicaIsolationStatus isolation, CancellationToken cancellationToken)
    {
        try
        {
            await tables.CheckReachableAsync(cancellationToken);
            return TypedResults.Ok(new HealthResponse("Healthy", isolation.Isolation));
        }
        catch (StorageUnavailableException ex)
        {
            return TypedResults.Problem($"Storage is not reachable: {ex.InnerException?.Message ?? ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unhealthy");
        }
    }
}

/// <param name="Isolation">How replicas are kept apart (docs/security.md): bubblewrap+uid, uid, bubblewrap, none, or external.</param>
public sealed record HealthResponse(string Status, string Isolation);
