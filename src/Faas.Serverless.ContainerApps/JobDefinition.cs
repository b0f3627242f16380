namespace Faas.Serverless.ContainerApps;

/// <summary>Everything one service's Container Apps job is made of (the secret token aside).</summary>
/// <param name="RegistryServer">The registry the runner identity pulls <paramref name="Image"/> from; null for other registries.</param>
/// <param name="MinExecutions">Runner agents kept running while the service is active (KEDA minExecutions).</param>
/// <param name="QueueLength">Queued calls per runner agent (KEDA's azure-queue queueLength).</param>
/// <param name="IdleExitSeconds">The agent's <c>--exit-when-idle</c>: an execution ends once idle this long.</param>
internal sealed record JobDefinition(
    string Name,
    string ProjectId,
    string ServiceId,
    int ServiceVersion,
    string Location,
    string EnvironmentId,
    string IdentityId,
    string? RegistryServer,
    string Image,
    string HostUrl,
    string StorageAccountName,
    string QueueName,
    int MinExecutions,
    int MaxExecutions,
    int QueueLength,
    int PollingIntervalSeconds,
    int ReplicaTimeoutSeconds,
    int IdleExitSeconds,
    double Cpu,
    string Memory);
