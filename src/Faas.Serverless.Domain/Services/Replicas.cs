namespace Faas.Serverless.Domain.Services;

public enum ReplicaState
{
    Starting,
    Initializing,
    Ready,
    Draining,
    Stopped,
    Error,
}

public sealed record ErrorInfo(string Type, string Message, string? Traceback);

/// <summary>What a replica last reported about itself (runner agent) or what the supervisor saw of it.</summary>
public sealed record ReplicaStatus(
    string ReplicaId,
    ReplicaState State,
    int ServiceVersion,
    int? Pid,
    string? Runtime,
    string? Message,
    ErrorInfo? Error,
    DateTimeOffset UpdatedAt);

public enum ServiceState
{
    Initializing,
    Active,
    Inactive,
    Error,
}

/// <summary>The runner provider's verdict on a service as a whole (placement errors, repeated init failures).</summary>
public sealed record DeploymentStatus(
    string ServiceId,
    int ServiceVersion,
    int DesiredReplicas,
    bool Failed,
    string? Note,
    ErrorInfo? Error,
    string? ReplicaId,
    DateTimeOffset UpdatedAt);

/// <summary>What <c>GET .../services/{id}/status</c> shows: the verdict and every replica behind it.</summary>
public sealed record ServiceStatusReport(
    ServiceState Status,
    int ServiceVersion,
    int DesiredReplicas,
    int ReadyReplicas,
    string? Note,
    ErrorInfo? Error,
    string? ErrorReplicaId,
    IReadOnlyList<ReplicaStatus> Replicas)
{
    public static ServiceStatusReport Compute(Service service, DeploymentStatus? deployment, IReadOnlyList<ReplicaStatus> replicas)
    {
        var current = deployment?.ServiceVersion == service.Version ? deployment : null;
        var desired = current?.DesiredReplicas ?? service.Spec.Runtime.Replicas;
        var ready = replicas.Count(r => r.State == ReplicaState.Ready && r.ServiceVersion == service.Version);
        var status = !service.Active ? ServiceState.Inactive
            : current is { Failed: true } ? ServiceState.Error
            : current is not null && ready >= desired ? ServiceState.Active
            : ServiceState.Initializing;
        return new ServiceStatusReport(status, service.Version, desired, ready, current?.Note, current?.Error, current?.ReplicaId, replicas);
    }
}
