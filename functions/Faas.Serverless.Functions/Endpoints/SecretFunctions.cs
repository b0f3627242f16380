using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Project secrets (write-only values). Each function runs its route's endpoint of the API.</summary>
public sealed class SecretFunctions(ApiDispatcher api)
{
    [Function("ListSecrets")]
    public Task<IActionResult> ListSecretsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/secrets")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetSecret")]
    public Task<IActionResult> GetSecretAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/secrets/{name}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("CreateSecret")]
    public Task<IActionResult> CreateSecretAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/secrets/{name}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("SetSecret")]
    public Task<IActionResult> SetSecretAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/projects/{projectId}/secrets/{name}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeleteSecret")]
    public Task<IActionResult> DeleteSecretAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/secrets/{name}")] HttpRequest request) => api.DispatchAsync(request);
}
