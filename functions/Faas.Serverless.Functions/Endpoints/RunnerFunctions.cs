using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>The runner protocol (docs/runner-protocol.md): what runner agents call, with their bot's key. Each function runs its route's endpoint of the API.</summary>
public sealed class RunnerFunctions(ApiDispatcher api)
{
    [Function("GetRunnerSpec")]
    public Task<IActionResult> GetSpecAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/runner-spec")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetRunnerSecrets")]
    public Task<IActionResult> GetSecretsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/runner-secrets")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ReportReplica")]
    public Task<IActionResult> ReportReplicaAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/projects/{projectId}/services/{serviceId}/replicas/{replicaId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("LeaseWork")]
    public Task<IActionResult> LeaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/work/lease")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RenewWork")]
    public Task<IActionResult> RenewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/work/renew")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ReportWorkEvents")]
    public Task<IActionResult> ReportEventsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/work/events")] HttpRequest request) => api.DispatchAsync(request);

    [Function("WatchWork")]
    public Task<IActionResult> WatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/work/watch")] HttpRequest request) => api.DispatchAsync(request);
}
