using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Event and cron triggers. Each function runs its route's endpoint of the API.</summary>
public sealed class TriggerFunctions(ApiDispatcher api)
{
    [Function("CreateTrigger")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/triggers")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListTriggers")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/triggers")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetTrigger")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/triggers/{triggerId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("UpdateTrigger")]
    public Task<IActionResult> UpdateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}/triggers/{triggerId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeleteTrigger")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/triggers/{triggerId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ActivateTrigger")]
    public Task<IActionResult> ActivateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/triggers/{triggerId}/activate")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeactivateTrigger")]
    public Task<IActionResult> DeactivateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/triggers/{triggerId}/deactivate")] HttpRequest request) => api.DispatchAsync(request);
}
