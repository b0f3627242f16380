using Faas.Serverless.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Faas.Serverless.Functions.Endpoints;

/// <summary>Packages, their revisions and codebases. Each function runs its route's endpoint of the API.</summary>
public sealed class PackageFunctions(ApiDispatcher api)
{
    [Function("PushPackage")]
    public Task<IActionResult> PushAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/packages")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListPackages")]
    public Task<IActionResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/packages")] HttpRequest request) => api.DispatchAsync(request);

    [Function("GetPackage")]
    public Task<IActionResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/packages/{packageId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("UpdatePackage")]
    public Task<IActionResult> UpdateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}/packages/{packageId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DeletePackage")]
    public Task<IActionResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/packages/{packageId}")] HttpRequest request) => api.DispatchAsync(request);

    [Function("ListPackageRevisions")]
    public Task<IActionResult> ListRevisionsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/packages/{packageId}/revisions")] HttpRequest request) => api.DispatchAsync(request);

    [Function("DownloadCodebase")]
    public Task<IActionResult> DownloadCodebaseAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/packages/{packageId}/codebase")] HttpRequest request) => api.DispatchAsync(request);
}
