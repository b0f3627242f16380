using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Users, the caller, and API keys. Each function runs its route's endpoint of the API.</summary>
public sealed class UserFunctions(ApiDispatcher api)
{
    [Function("GetMe")]
    public Task<IActionResult> GetMeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/me")] HttpRequest request) => api.DispatchAsync(request);

    [Function("CreateUser")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/users")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListUsers")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetUser")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users/{userId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("CreateApiKey")]
    public Task<IActionResult> CreateKeyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/users/{userId}/api-keys")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListApiKeys")]
    public Task<IActionResult> ListKeysAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users/{userId}/api-keys")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RevokeApiKey")]
    public Task<IActionResult> RevokeKeyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/users/{userId}/api-keys/{keyId}")] HttpRequest request) => api.DispatchAsync(request);
}
