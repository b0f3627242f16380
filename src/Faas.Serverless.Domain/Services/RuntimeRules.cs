using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Services;

internal static class RuntimeRules
{
    public const int MaxReplicas = 100;
    public const int MaxConcurrency = 1000;

    /// <summary>Fields the request names replace those of <paramref name="current"/>; the result is range-checked.</summary>
    public static ServiceRuntime Merge(RuntimeRequest? request, ServiceRuntime current, ValidationErrors errors)
    {
        var runtime = new ServiceRuntime(
            request?.Gpu ?? current.Gpu,
            request?.Replicas ?? current.Replicas,
            request?.Concurrency ?? current.Concurrency,
            request?.RunnerImage is { } image ? (image.Length == 0 ? null : image) : current.RunnerImage,
            request is { AutoscalerSent: true } ? request.Autoscaler : current.Autoscaler);
        if (runtime.Replicas is < 0 or > MaxReplicas)
        {
            errors.Add("runtime.replicas", $"runtime.replicas must be between 0 and {MaxReplicas}; got {runtime.Replicas}.");
        }

        if (runtime.Concurrency is < 1 or > MaxConcurrency)
        {
            errors.Add("runtime.concurrency", $"runtime.concurrency must be between 1 and {MaxConcurrency}; got {runtime.Concurrency}.");
        }

        if (runtime.RunnerImage is { Length: > 512 })
        {
            errors.Add("runtime.runnerImage", "runtime.runnerImage must be at most 512 characters.");
        }

        if (runtime.Autoscaler is { } scaler)
        {
            if (scaler.MinReplicas < 0 || scaler.MinReplicas > scaler.MaxReplicas || scaler.MaxReplicas > MaxReplicas)
            {
                errors.Add("runtime.autoscaler", $"runtime.autoscaler needs 0 <= minReplicas <= maxReplicas <= {MaxReplicas}; got {scaler.MinReplicas}..{scaler.MaxReplicas}.");
            }

            if (scaler.QueueLength < 1)
            {
                errors.Add("runtime.autoscaler.queueLength", "runtime.autoscaler.queueLength must be at least 1.");
            }

            if (scaler.CooldownPeriod < 0)
            {
                errors.Add("runtime.autoscaler.cooldownPeriod", "runtime.autoscaler.cooldownPeriod must not be negative.");
            }
        }
        else if (runtime.Replicas == 0)
        {
            errors.Add("runtime.replicas", "runtime.replicas may be 0 only with an autoscaler, or nothing would ever run.");
        }

        return runtime;
    }
}
