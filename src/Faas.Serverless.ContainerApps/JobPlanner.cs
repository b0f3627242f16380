using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.ContainerApps;

/// <summary>What a service asks of Container Apps: a job (<see cref="Job"/>), or why it gets none.</summary>
internal sealed record JobPlan(JobDefinition? Job, ErrorInfo? Error, string? Note);

/// <summary>Turns a service's runtime (replicas or autoscaler, runnerImage, gpu, timeouts) into its job definition.</summary>
internal static class JobPlanner
{
    public static JobPlan Plan(Service service, ContainerAppsOptions options, string queueName)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        var runtime = service.Spec.Runtime;
        if (runtime.Gpu)
        {
            return new JobPlan(null, new ErrorInfo("NoGpuAvailable", "The service asks for a GPU, and the runners' Container Apps environment offers none: its jobs run on the Consumption profile.", null), null);
        }

        // Without an autoscaler, KEDA keeps exactly `replicas` agents: min = max, one per queued call beyond that.
        var (min, max, queueLength) = runtime.Autoscaler is { } scaler
            ? (scaler.MinReplicas, scaler.MaxReplicas, scaler.QueueLength)
            : (runtime.Replicas, runtime.Replicas, 1);
        if (max == 0)
        {
            return new JobPlan(null, null, "The autoscaler allows no replicas (maxReplicas 0): the service has no job.");
        }

        var image = runtime.RunnerImage ?? options.DefaultImage;
        var registry = options.RegistryServer is { Length: > 0 } server && image.StartsWith(server + "/", StringComparison.OrdinalIgnoreCase) ? server : null;

        // An agent serves calls one after another: its execution must outlive the longest call and its drain.
        var replicaTimeout = Math.Max(options.ReplicaTimeoutSeconds, service.Spec.ExecutionTimeout + service.Spec.DrainTime);
        var job = new JobDefinition(
            JobNames.For(service.Id), service.ProjectId, service.Id, service.Version, options.Location, options.EnvironmentId, options.IdentityId,
            registry, image, options.HostUrl.TrimEnd('/'), options.StorageAccountName, queueName, min, max, queueLength,
            options.PollingIntervalSeconds, replicaTimeout, options.IdleExitSeconds, options.Cpu, options.Memory);
        return new JobPlan(job, null, null);
    }
}
