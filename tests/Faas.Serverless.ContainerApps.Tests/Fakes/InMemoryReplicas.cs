using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.ContainerApps.Tests.Fakes;

/// <summary>Keeps every deployment verdict written, in order; replicas are the runner agents' business.</summary>
public sealed class InMemoryReplicas : IReplicaStore
{
    public List<DeploymentStatus> Deployments { get; } = [];

    public Task SetDeploymentAsync(DeploymentStatus status, CancellationToken cancellationToken = default)
    {
        Deployments.Add(status);
        return Task.CompletedTask;
    }

    public Task<DeploymentStatus?> GetDeploymentAsync(string serviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Deployments.LastOrDefault(status => status.ServiceId == serviceId));

    public Task SetReplicaAsync(string serviceId, ReplicaStatus status, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ReplicaStatus>> ListReplicasAsync(string serviceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RemoveReplicaAsync(string serviceId, string replicaId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task ClearAsync(string serviceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
