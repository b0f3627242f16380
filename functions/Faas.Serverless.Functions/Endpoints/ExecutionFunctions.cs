using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Executions: start, list, read, terminate and rerun. Each function runs its route's endpoint of the API.</summary>
public sealed class ExecutionFunctions(ApiDispatcher api)
{
    [Function("ExecuteService")]
    public Task<IActionResult> ExecuteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/services/{serviceId}/execute")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListServiceExecutions")]
    public Task<IActionResult> ListForServiceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/services/{serviceId}/executions")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListExecutions")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/executions")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetExecution")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/executions/{executionId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetExecutionLogs")]
    public Task<IActionResult> GetLogsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/executions/{executionId}/logs")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetExecutionOrchestration")]
    public Task<IActionResult> GetOrchestrationAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/executions/{executionId}/orchestration")] HttpRequest request) => api.DispatchAsync(request);

    [Function("TerminateExecution")]
    public Task<IActionResult> TerminateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/executions/{executionId}/terminate")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RerunExecution")]
    public Task<IActionResult> RerunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/executions/{executionId}/rerun")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RerunExecutions")]
    public Task<IActionResult> RerunBatchAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/executions/rerun")] HttpRequest request) => api.DispatchAsync(request);
}
