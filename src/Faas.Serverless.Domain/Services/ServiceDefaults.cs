namespace Faas.Serverless.Domain.Services;

public static class ServiceDefaults
{
    public const int Replicas = 1;
    public const int Concurrency = 6;
    public const int MaxAttempts = 3;
    public const int ExecutionTimeoutSeconds = 3600;
    public const int DrainTimeSeconds = 600;

    public static ServiceRuntime Runtime { get; } = new(Gpu: false, Replicas, Concurrency, RunnerImage: null, Autoscaler: null);
}
