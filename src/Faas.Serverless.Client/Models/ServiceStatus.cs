namespace Faas.Serverless.Client.Models;

/// <summary>The supervisor's verdict on a service's current version and its replicas.</summary>
/// <param name="Status"><c>Initializing</c>, <c>Active</c>, <c>Inactive</c> or <c>Error</c>.</param>
/// <param name="ServiceVersion">The version it describes.</param>
/// <param name="DesiredReplicas">Replicas wanted.</param>
/// <param name="ReadyReplicas">Replicas ready.</param>
/// <param name="Note">Why it is not yet active, when it is not.</param>
/// <param name="Error">What went wrong, in <c>Error</c>.</param>
/// <param name="ErrorReplicaId">The replica that failed.</param>
/// <param name="Replicas">Every replica the supervisor knows.</param>
public sealed record ServiceStatus(
    string Status,
    int ServiceVersion,
    int DesiredReplicas,
    int ReadyReplicas,
    string? Note,
    ServiceError? Error,
    string? ErrorReplicaId,
    IReadOnlyList<ReplicaStatus> Replicas);

/// <summary>One replica of a service.</summary>
/// <param name="ReplicaId">The replica id.</param>
/// <param name="State">Its state, such as <c>Ready</c>.</param>
/// <param name="ServiceVersion">The version it runs.</param>
/// <param name="Pid">Its process id, for local replicas.</param>
/// <param name="Runtime">What runs it.</param>
/// <param name="Message">Its last message.</param>
/// <param name="Error">Its error, such as an init failure.</param>
/// <param name="UpdatedAt">When it last reported.</param>
public sealed record ReplicaStatus(string ReplicaId, string State, int ServiceVersion, int? Pid, string? Runtime, string? Message, ServiceError? Error, DateTimeOffset UpdatedAt);

/// <summary>Why a service or replica failed, such as a Python exception in <c>__init__</c>.</summary>
/// <param name="Type">The exception type or platform reason, such as <c>ValueError</c> or <c>NoGpuAvailable</c>.</param>
/// <param name="Message">What it said.</param>
/// <param name="Traceback">The Python traceback, when there is one.</param>
public sealed record ServiceError(string Type, string? Message, string? Traceback);
