using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Dead letters: list, read, replay and delete. Each function runs its route's endpoint of the API.</summary>
public sealed class DeadLetterFunctions(ApiDispatcher api)
{
    [Function("ListDeadLetters")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/dead-letters")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetDeadLetter")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/dead-letters/{id}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ReplayDeadLetter")]
    public Task<IActionResult> ReplayAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/dead-letters/{id}/replay")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeleteDeadLetter")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/dead-letters/{id}")] HttpRequest request) => api.DispatchAsync(request);
}
