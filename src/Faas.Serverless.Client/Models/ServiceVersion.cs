using System.Text.Json;

namespace Faas.Serverless.Client.Models;

/// <summary>One deployed version of a service: its spec as it was, in the service body's field names.</summary>
/// <param name="Version">The version number, from 1.</param>
/// <param name="Spec">The spec (package, revision, module, initParams, runtime, …).</param>
/// <param name="CreatedAt">When it was deployed.</param>
/// <param name="Creator">Who deployed it.</param>
public sealed record ServiceVersion(int Version, JsonElement Spec, DateTimeOffset CreatedAt, string? Creator);

/// <summary>Something that happened to a service, such as a restart for a changed secret.</summary>
/// <param name="Id">The event id.</param>
/// <param name="Type"><c>SecretUpdated</c> or <c>SecretDeleted</c>.</param>
/// <param name="Subject">What it is about, such as the secret's name.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="ServiceVersion">The version it made.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="CreatedAt">When it happened.</param>
public sealed record ServiceEvent(string Id, string Type, string Subject, string Message, int ServiceVersion, string Actor, DateTimeOffset CreatedAt);

/// <summary>
/// A <c>PATCH</c> of a service: null fields keep their current values. <paramref name="RemoveAutoscaler"/> sends
/// <c>"runtime": {"autoscaler": null}</c>, which removes it (a null <see cref="ServiceRuntime.Autoscaler"/> keeps it).
/// </summary>
/// <param name="PackageRevision"><c>"latest"</c> or a revision number to pin.</param>
/// <param name="ModuleName">Another module to run.</param>
/// <param name="InitParams">Replaces the init inputs.</param>
/// <param name="Runtime">Merged field by field.</param>
/// <param name="MaxAttempts">Attempts an execution gets.</param>
/// <param name="ExecutionTimeout">Seconds a call may run.</param>
/// <param name="DrainTime">Seconds a stopping replica gets.</param>
/// <param name="OnReset"><c>Failed</c> or <c>Rerun</c>.</param>
/// <param name="Bot">Another bot to run as.</param>
/// <param name="Secrets">Replaces the secret names.</param>
/// <param name="RemoveAutoscaler">Removes the autoscaler.</param>
public sealed record UpdateServiceRequest(
    string? PackageRevision = null,
    string? ModuleName = null,
    IReadOnlyDictionary<string, object?>? InitParams = null,
    ServiceRuntime? Runtime = null,
    int? MaxAttempts = null,
    int? ExecutionTimeout = null,
    int? DrainTime = null,
    string? OnReset = null,
    string? Bot = null,
    IReadOnlyList<string>? Secrets = null,
    bool RemoveAutoscaler = false);
