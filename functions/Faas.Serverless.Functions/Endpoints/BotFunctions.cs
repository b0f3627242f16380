using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Project bots. Each function runs its route's endpoint of the API.</summary>
public sealed class BotFunctions(ApiDispatcher api)
{
    [Function("CreateBot")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/bots")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListBots")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/bots")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeleteBot")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/bots/{botId}")] HttpRequest request) => api.DispatchAsync(request);
}
