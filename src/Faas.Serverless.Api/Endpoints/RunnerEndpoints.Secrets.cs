using Faas.Serverless.Domain.Secrets;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Faas.Serverless.Api.Endpoints;

internal static partial class RunnerEndpoints
{
    /// <summary>
    /// The one place a secret's value leaves the host: to a runner of a service that names it, over the runner key the
    /// platform issued for that service's replica, from the service's own project whoever calls the service.
    /// </summary>
    private static async Task<Results<Ok<RunnerSecretsResponse>, ProblemHttpResult>> GetSecretsAsync(HttpContext http, ISecretStore secrets, CancellationToken cancellationToken)
    {
        var service = http.GetRunnerService();
        if (!RunnerKeyScope.IsFor(http.User, service.Id))
        {
            return Problems.Forbidden($"Secrets of service '{service.Name}' are given only to the runner keys the platform issues to its replicas.");
        }

        var values = await secrets.RevealAsync(service.ProjectId, service.Spec.Secrets, cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new RunnerSecretsResponse(values));
    }
}
