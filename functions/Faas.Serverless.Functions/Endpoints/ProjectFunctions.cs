using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Projects and their members. Each function runs its route's endpoint of the API.</summary>
public sealed class ProjectFunctions(ApiDispatcher api)
{
    [Function("CreateProject")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListProjects")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetProject")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListProjectMembers")]
    public Task<IActionResult> ListMembersAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/members")] HttpRequest request) => api.DispatchAsync(request);

    [Function("SetProjectMember")]
    public Task<IActionResult> SetMemberAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/members")] HttpRequest request) => api.DispatchAsync(request);

    [Function("PutProjectMember")]
    public Task<IActionResult> PutMemberAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/projects/{projectId}/members/{userId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RemoveProjectMember")]
    public Task<IActionResult> RemoveMemberAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/members/{userId}")] HttpRequest request) => api.DispatchAsync(request);
}
