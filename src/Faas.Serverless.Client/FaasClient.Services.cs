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
        return SendJsonAsync<Service>(HttpMethod.Post, ProjectPath(projectId) + "/services", request, cancellationToken);
    }

    /// <summary>Lists a project's services, those being deleted included.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Service> ListServicesAsync(string projectId, int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<Service>(ProjectPath(projectId) + "/services", QueryString.Empty, pageSize, cancellationToken);

    /// <summary>Reads a service.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> GetServiceAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        GetAsync<Service>(ServicePath(projectId, serviceId), cancellationToken);

    /// <summary>Reads the supervisor's status of a service and its replicas.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<ServiceStatus> GetServiceStatusAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        GetAsync<ServiceStatus>(ServicePath(projectId, serviceId) + "/status", cancellationToken);

    /// <summary>Pauses a service (<c>POST …/stop</c>): no work is leased and its replicas drain. Idempotent.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> PauseServiceAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Service>(HttpMethod.Post, ServicePath(projectId, serviceId) + "/stop", body: null, cancellationToken);

    /// <summary>Resumes a paused service (<c>POST …/start</c>). Idempotent.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> ResumeServiceAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Service>(HttpMethod.Post, ServicePath(projectId, serviceId) + "/start", body: null, cancellationToken);

    /// <summary>Deletes a service and its triggers; answers the service marked <c>deleting</c> while its replicas drain.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="serviceId">The service.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Service> DeleteServiceAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Service>(HttpMethod.Delete, ServicePath(projectId, serviceId), body: null, cancellationToken);

    private static string ServicePath(string projectId, string serviceId) => ProjectPath(projectId) + "/services/" + Escape(serviceId);
}
