using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>The event ingress: Event Grid and CloudEvents deliveries, with their validation handshakes (the Event Grid
/// subscription validation event in a POST, the CloudEvents webhook handshake as OPTIONS), and the project's event keys. Each function runs its route's endpoint of the API.</summary>
public sealed class EventFunctions(ApiDispatcher api)
{
    [Function("IngestEventGrid")]
    public Task<IActionResult> EventGridAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/events/eventgrid")] HttpRequest request) => api.DispatchAsync(request);

    [Function("IngestCloudEvents")]
    public Task<IActionResult> CloudEventsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/events/cloudevents")] HttpRequest request) => api.DispatchAsync(request);

    [Function("CloudEventsHandshake")]
    public Task<IActionResult> CloudEventsHandshakeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "v1/projects/{projectId}/events/cloudevents")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetEventKey")]
    public Task<IActionResult> GetKeyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/events/key")] HttpRequest request) => api.DispatchAsync(request);

    [Function("IssueEventToken")]
    public Task<IActionResult> IssueTokenAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/events/token")] HttpRequest request) => api.DispatchAsync(request);
}
