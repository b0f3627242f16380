using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Services, their versions, events, state and bot. Each function runs its route's endpoint of the API.</summary>
public sealed class ServiceFunctions(ApiDispatcher api)
{
    [Function("CreateService")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListServices")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetService")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("UpdateService")]
    public Task<IActionResult> UpdateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}/services/{serviceId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeleteService")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/services/{serviceId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetServiceStatus")]
    public Task<IActionResult> GetStatusAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/status")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListServiceVersions")]
    public Task<IActionResult> ListVersionsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/versions")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListServiceEvents")]
    public Task<IActionResult> ListEventsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/events")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RollbackService")]
    public Task<IActionResult> RollbackAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/rollback")] HttpRequest request) => api.DispatchAsync(request);

    [Function("StopService")]
    public Task<IActionResult> StopAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/stop")] HttpRequest request) => api.DispatchAsync(request);

    [Function("StartService")]
    public Task<IActionResult> StartAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/start")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetServiceBot")]
    public Task<IActionResult> GetBotAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/bot")] HttpRequest request) => api.DispatchAsync(request);
}
