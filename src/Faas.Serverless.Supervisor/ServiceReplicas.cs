using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Supervisor;

/// <summary>What the supervisor knows of one service: its replica slots and the processes it is stopping.</summary>
internal sealed class ServiceReplicas
{
    public Dictionary<int, ReplicaSlot> Slots { get; } = [];

    public List<Task> Stopping { get; } = [];

    /// <summary>The version whose replicas kept failing to init; nothing more starts until the service changes.</summary>
    public (int Version, ErrorInfo? Error, string? ReplicaId, string Note)? Failure { get; set; }

    public DeploymentStatus? Published { get; set; }

    public int Desired { get; set; }

    public DateTimeOffset LastNeededAt { get; set; }

    public bool HasProcesses => Slots.Values.Any(slot => slot.Process is not null) || Stopping.Any(task => !task.IsCompleted);
}
