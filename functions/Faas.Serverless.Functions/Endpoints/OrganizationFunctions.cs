using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Organizations and their members. Each function runs its route's endpoint of the API.</summary>
public sealed class OrganizationFunctions(ApiDispatcher api)
{
    [Function("CreateOrganization")]
    public Task<IActionResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/organizations")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListOrganizations")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/organizations")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetOrganization")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/organizations/{organizationId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("AddOrganizationMember")]
    public Task<IActionResult> AddMemberAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/organizations/{organizationId}/members")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListOrganizationMembers")]
    public Task<IActionResult> ListMembersAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/organizations/{organizationId}/members")] HttpRequest request) => api.DispatchAsync(request);

    [Function("RemoveOrganizationMember")]
    public Task<IActionResult> RemoveMemberAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/organizations/{organizationId}/members/{userId}")] HttpRequest request) => api.DispatchAsync(request);
}
