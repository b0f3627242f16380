using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Client.Models;

/// <summary>A deployed service: one module of a package run by replicas.</summary>
/// <param name="Id">The service id.</param>
/// <param name="Name">Its name, unique per project.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="PackageId">The package it runs.</param>
/// <param name="PackageName">That package's name.</param>
/// <param name="PackageRevision">The pinned revision.</param>
/// <param name="ModuleName">The module it runs.</param>
/// <param name="InitParams">The module's init inputs.</param>
/// <param name="Runtime">Replicas, concurrency and scaling.</param>
/// <param name="MaxAttempts">Attempts an execution gets.</param>
/// <param name="ExecutionTimeout">Seconds a call may run.</param>
/// <param name="DrainTime">Seconds a stopping replica gets.</param>
/// <param name="OnReset"><c>Failed</c> or <c>Rerun</c>.</param>
/// <param name="Bot">The bot user it runs as.</param>
/// <param name="Active">False while paused.</param>
/// <param name="Deleting">True once a delete was accepted.</param>
/// <param name="Version">Counts spec changes.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Creator">Who created it.</param>
/// <param name="Secrets">Names of the project secrets its workers get.</param>
public sealed record Service(
    string Id,
    string Name,
    string ProjectId,
    string PackageId,
    string PackageName,
    int PackageRevision,
    string ModuleName,
    JsonElement? InitParams,
    ServiceRuntime Runtime,
    int MaxAttempts,
    int ExecutionTimeout,
    int DrainTime,
    string OnReset,
    string? Bot,
    bool Active,
    bool Deleting,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Creator,
    IReadOnlyList<string>? Secrets)
{
    /// <summary>The <c>ETag</c> the API answered with this body (null from listings): pass it as <c>ifMatch</c> to change exactly this state.</summary>
    [JsonIgnore]
    public string? ETag { get; init; }
}

/// <summary>How a service runs.</summary>
/// <param name="Gpu">Whether replicas need a GPU.</param>
/// <param name="Replicas">Replicas to run (0 only with an autoscaler).</param>
/// <param name="Concurrency">Calls each replica runs at once.</param>
/// <param name="RunnerImage">The runner image for cloud providers.</param>
/// <param name="Autoscaler">Queue-based scaling, or null.</param>
public sealed record ServiceRuntime(bool? Gpu = null, int? Replicas = null, int? Concurrency = null, string? RunnerImage = null, Autoscaler? Autoscaler = null);

/// <summary>Queue-length scaling of a service.</summary>
/// <param name="MinReplicas">Fewest replicas.</param>
/// <param name="MaxReplicas">Most replicas.</param>
/// <param name="QueueLength">Queued items per replica.</param>
/// <param name="CooldownPeriod">Seconds before scaling in.</param>
public sealed record Autoscaler(int MinReplicas, int MaxReplicas, int QueueLength, int CooldownPeriod);

/// <summary>The body that deploys a service; null fields take the API's defaults.</summary>
/// <param name="Name">The service name.</param>
/// <param name="PackageName">The package by name (or give <paramref name="PackageId"/>).</param>
/// <param name="PackageId">The package by id; wins over the name.</param>
/// <param name="PackageRevision"><c>"latest"</c> or a revision number, pinned when applied.</param>
/// <param name="ModuleName">The module to run.</param>
/// <param name="InitParams">The module's init inputs.</param>
/// <param name="Runtime">Replicas, concurrency and scaling.</param>
/// <param name="MaxAttempts">Attempts an execution gets.</param>
/// <param name="ExecutionTimeout">Seconds a call may run.</param>
/// <param name="DrainTime">Seconds a stopping replica gets.</param>
/// <param name="OnReset"><c>Failed</c> or <c>Rerun</c>.</param>
/// <param name="Bot">A bot to run as; null makes a new one.</param>
/// <param name="Secrets">Names of project secrets the workers get.</param>
public sealed record DeployServiceRequest(
    string Name,
    string? PackageName = null,
    string? PackageId = null,
    string? PackageRevision = null,
    string? ModuleName = null,
    IReadOnlyDictionary<string, object?>? InitParams = null,
    ServiceRuntime? Runtime = null,
    int? MaxAttempts = null,
    int? ExecutionTimeout = null,
    int? DrainTime = null,
    string? OnReset = null,
    string? Bot = null,
    IReadOnlyList<string>? Secrets = null);
