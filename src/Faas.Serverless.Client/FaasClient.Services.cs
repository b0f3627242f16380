using System.Text.Json.Nodes;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Deploys a service (<c>201</c>); the package revision is resolved and pinned at once.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="request">The service spec.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> DeployServiceAsync(string projectId, DeployServiceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendServiceAsync(HttpMethod.Post, ProjectPath(projectId) + "/services", request, ifMatch: null, cancellationToken);
    }

    /// <summary>Lists a project's services, those being deleted included.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Service> ListServicesAsync(string projectId, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<Service>(ProjectPath(projectId) + "/services", QueryString.Empty, pageSize, cancellationToken);

    /// <summary>Reads a service with its <see cref="Service.ETag"/>.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> GetServiceAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        SendServiceAsync(HttpMethod.Get, ServicePath(projectId, serviceId), body: null, ifMatch: null, cancellationToken);

    /// <summary>Changes a service as a new version; absent fields keep their values. <c>412</c> when <paramref name="ifMatch"/> is stale.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="request">The fields to change.</param>
    /// <param name="ifMatch">An <see cref="Service.ETag"/>: apply only to that state.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> UpdateServiceAsync(string projectId, string serviceId, UpdateServiceRequest request, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendServiceAsync(HttpMethod.Patch, ServicePath(projectId, serviceId), PatchBody(request), ifMatch, cancellationToken);
    }

    /// <summary>Deploys the spec of an earlier version again, as a new version.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="version">The version to deploy again.</param>
    /// <param name="ifMatch">An <see cref="Service.ETag"/>: apply only to that state.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> RollbackServiceAsync(string projectId, string serviceId, int version, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendServiceAsync(HttpMethod.Post, ServicePath(projectId, serviceId) + "/rollback", new { version }, ifMatch, cancellationToken);

    /// <summary>Lists a service's versions, oldest first, each with the spec it deployed.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<ServiceVersion> ListServiceVersionsAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        ListAsync<ServiceVersion>(ServicePath(projectId, serviceId) + "/versions", QueryString.Empty, null, cancellationToken);

    /// <summary>Lists what happened to a service, such as restarts for changed secrets.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<ServiceEvent> ListServiceEventsAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        ListAsync<ServiceEvent>(ServicePath(projectId, serviceId) + "/events", QueryString.Empty, null, cancellationToken);

    /// <summary>Reads the supervisor's status of a service and its replicas.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<ServiceStatus> GetServiceStatusAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        GetAsync<ServiceStatus>(ServicePath(projectId, serviceId) + "/status", cancellationToken);

    /// <summary>Pauses a service (<c>POST …/stop</c>): no work is leased and its replicas drain. Idempotent.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="ifMatch">An <see cref="Service.ETag"/>: apply only to that state.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> PauseServiceAsync(string projectId, string serviceId, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendServiceAsync(HttpMethod.Post, ServicePath(projectId, serviceId) + "/stop", body: null, ifMatch, cancellationToken);

    /// <summary>Resumes a paused service (<c>POST …/start</c>). Idempotent.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="ifMatch">An <see cref="Service.ETag"/>: apply only to that state.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> ResumeServiceAsync(string projectId, string serviceId, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendServiceAsync(HttpMethod.Post, ServicePath(projectId, serviceId) + "/start", body: null, ifMatch, cancellationToken);

    /// <summary>Deletes a service and its triggers; answers the service marked <c>deleting</c> while its replicas drain.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="ifMatch">An <see cref="Service.ETag"/>: apply only to that state.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> DeleteServiceAsync(string projectId, string serviceId, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        SendServiceAsync(HttpMethod.Delete, ServicePath(projectId, serviceId), body: null, ifMatch, cancellationToken);

    private static string ServicePath(string projectId, string serviceId) => ProjectPath(projectId) + "/services/" + Escape(serviceId);

    /// <summary>Leaves out what is not changing; the autoscaler is removed only by an explicit JSON null.</summary>
    private static JsonObject PatchBody(UpdateServiceRequest request)
    {
        var body = new JsonObject();
        void Set(string name, object? value)
        {
            if (value is not null)
            {
                body[name] = System.Text.Json.JsonSerializer.SerializeToNode(value, value.GetType(), FaasJson.Options);
            }
        }

        Set("packageRevision", request.PackageRevision);
        Set("moduleName", request.ModuleName);
        Set("initParams", request.InitParams);
        Set("maxAttempts", request.MaxAttempts);
        Set("executionTimeout", request.ExecutionTimeout);
        Set("drainTime", request.DrainTime);
        Set("onReset", request.OnReset);
        Set("bot", request.Bot);
        Set("secrets", request.Secrets);
        var runtime = new JsonObject();
        foreach (var (name, value) in (System.Text.Json.JsonSerializer.SerializeToNode(request.Runtime ?? new ServiceRuntime(), FaasJson.Options) as JsonObject)!)
        {
            if (value is not null)
            {
                runtime[name] = value.DeepClone();
            }
        }

        if (request.RemoveAutoscaler)
        {
            runtime["autoscaler"] = null;
        }

        if (runtime.Count > 0)
        {
            body["runtime"] = runtime;
        }

        return body;
    }
}
