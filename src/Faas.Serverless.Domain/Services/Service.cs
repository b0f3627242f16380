using System.Text.Json;

namespace Faas.Serverless.Domain.Services;

public enum OnReset
{
    Failed,
    Rerun,
}

public sealed record AutoscalerSpec(int MinReplicas, int MaxReplicas, int QueueLength, int CooldownPeriod);

public sealed record ServiceRuntime(bool Gpu, int Replicas, int Concurrency, string? RunnerImage, AutoscalerSpec? Autoscaler);

/// <summary>Everything a deployment is made of; a new version is a new spec.</summary>
public sealed record ServiceSpec(
    string PackageId,
    string PackageName,
    int PackageRevision,
    string ModuleName,
    IReadOnlyDictionary<string, JsonElement> InitParams,
    ServiceRuntime Runtime,
    int MaxAttempts,
    int ExecutionTimeout,
    int DrainTime,
    OnReset OnReset,
    string BotUserId)
{
    /// <summary>The project secrets its workers get as environment variables, by name (none in specs stored before secrets).</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];
}

/// <summary>A deployment of one module of one package revision; <see cref="Version"/> counts its updates.</summary>
public sealed record Service(
    string Id,
    string ProjectId,
    string Name,
    ServiceSpec Spec,
    bool Active,
    bool Deleting,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator,
    string ETag);

/// <summary>An immutable snapshot of a service's spec at one version.</summary>
public sealed record ServiceRevision(string ServiceId, int Version, ServiceSpec Spec, DateTimeOffset CreatedAt, string Creator);
