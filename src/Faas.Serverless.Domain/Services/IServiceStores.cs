using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Domain.Services;

public interface IServiceStore
{
    /// <summary>Creates version 1; a service of the same name in the project gets a <see cref="ConflictException"/>.</summary>
    Task<Service> CreateAsync(Service service, CancellationToken cancellationToken = default);

    Task<Service?> GetAsync(string projectId, string serviceId, CancellationToken cancellationToken = default);

    Task<Page<Service>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Every service of every project, including those being deleted: what the runner provider reconciles.</summary>
    Task<IReadOnlyList<Service>> ListAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Commits <paramref name="spec"/> as version n+1 and snapshots it; a stale head gets <see cref="PreconditionFailedException"/>.</summary>
    Task<Service> UpdateAsync(Service current, ServiceSpec spec, string updater, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    /// <summary>Pauses or resumes without a new version; a stale head gets <see cref="PreconditionFailedException"/>.</summary>
    Task<Service> SetActiveAsync(Service current, bool active, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    Task<ServiceRevision?> GetRevisionAsync(string projectId, string serviceId, int version, CancellationToken cancellationToken = default);

    Task<Page<ServiceRevision>> ListRevisionsAsync(string projectId, string serviceId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Marks the service for deletion: it stops at once and the runner provider removes it after draining.</summary>
    Task<Service> MarkDeletingAsync(Service current, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    /// <summary>Removes the service and its revisions for good.</summary>
    Task DeleteAsync(Service current, CancellationToken cancellationToken = default);
}

public interface IReplicaStore
{
    Task SetReplicaAsync(string serviceId, ReplicaStatus status, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReplicaStatus>> ListReplicasAsync(string serviceId, CancellationToken cancellationToken = default);

    Task RemoveReplicaAsync(string serviceId, string replicaId, CancellationToken cancellationToken = default);

    Task SetDeploymentAsync(DeploymentStatus status, CancellationToken cancellationToken = default);

    Task<DeploymentStatus?> GetDeploymentAsync(string serviceId, CancellationToken cancellationToken = default);

    /// <summary>Forgets every replica and the deployment status of a deleted service.</summary>
    Task ClearAsync(string serviceId, CancellationToken cancellationToken = default);
}
