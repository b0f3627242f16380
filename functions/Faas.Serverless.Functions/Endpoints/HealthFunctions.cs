using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Health check, anonymous like the local host's. Each function runs its route's endpoint of the API.</summary>
public sealed class HealthFunctions(ApiDispatcher api)
{
    [Function("Health")]
    public Task<IActionResult> CheckHealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => api.DispatchAsync(request);
}
