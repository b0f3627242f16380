using System.Text.Json;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>The seeds' Service JSON, plus the platform's version, state and bot.</summary>
public sealed record ServiceResponse(
    string Id,
    string Name,
    string ProjectId,
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
    string Bot,
    bool Active,
    bool Deleting,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator)
{
    /// <summary>Names of the project secrets the service's workers get; never their values.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public static ServiceResponse From(Service service)
    {
        var spec = service.Spec;
        return new(
            service.Id,
            service.Name,
            service.ProjectId,
            spec.PackageId,
            spec.PackageName,
            spec.PackageRevision,
            spec.ModuleName,
            spec.InitParams,
            spec.Runtime,
            spec.MaxAttempts,
            spec.ExecutionTimeout,
            spec.DrainTime,
            spec.OnReset,
            spec.BotUserId,
            service.Active,
            service.Deleting,
            service.Version,
            service.CreatedAt,
            service.UpdatedAt,
            service.Creator)
        {
            Secrets = spec.Secrets,
        };
    }
}

/// <summary>One version of a service: its spec as deployed, with the field names of the service body (<c>bot</c>).</summary>
public sealed record ServiceVersionResponse(int Version, ServiceSpecResponse Spec, DateTimeOffset CreatedAt, string Creator)
{
    public static ServiceVersionResponse From(ServiceRevision revision) =>
        new(revision.Version, ServiceSpecResponse.From(revision.Spec), revision.CreatedAt, revision.Creator);
}

public sealed record ServiceSpecResponse(
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
    string Bot)
{
    /// <summary>Names of the project secrets this version's workers get; never their values.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    public static ServiceSpecResponse From(ServiceSpec spec) => new(
        spec.PackageId,
        spec.PackageName,
        spec.PackageRevision,
        spec.ModuleName,
        spec.InitParams,
        spec.Runtime,
        spec.MaxAttempts,
        spec.ExecutionTimeout,
        spec.DrainTime,
        spec.OnReset,
        spec.BotUserId)
    {
        Secrets = spec.Secrets,
    };
}

public sealed record RollbackRequest(int? Version);

public sealed record CreateBotRequest(string? Name);

public sealed record BotResponse(string Id, string Email, string Name, DateTimeOffset CreatedAt);

public sealed record IssuedBotResponse(string Id, string Email, string Name, DateTimeOffset CreatedAt, string Key);
