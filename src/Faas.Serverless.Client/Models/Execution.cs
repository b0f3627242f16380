using System.Text.Json;

namespace Faas.Serverless.Client.Models;

/// <summary>One function call of a service, with its status history.</summary>
/// <param name="Id">The execution id.</param>
/// <param name="Url">Its API path.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Creator">Who started it.</param>
/// <param name="Attempts">Attempts in the current cycle.</param>
/// <param name="MaxAttempts">Attempts it may get.</param>
/// <param name="ToTerminate">True once termination was asked for.</param>
/// <param name="Input">Its input.</param>
/// <param name="Output">Its output, once successful.</param>
/// <param name="Error">Its error, once failed.</param>
/// <param name="Status">The current status (<see cref="ExecutionStatuses"/>).</param>
/// <param name="StatusLog">Every status change.</param>
/// <param name="LatestStatus">The log's last entry.</param>
/// <param name="Duration">Seconds spent running in the current cycle.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="FunctionName">The function called.</param>
/// <param name="ServiceId">The service called.</param>
/// <param name="ServiceName">That service's name.</param>
/// <param name="ServiceVersion">The service version it ran on.</param>
/// <param name="PackageId">The package.</param>
/// <param name="PackageName">The package's name.</param>
/// <param name="PackageRevision">The package revision.</param>
/// <param name="TriggerId">The trigger that started it, if any.</param>
public sealed record Execution(
    string Id,
    string? Url,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Creator,
    int Attempts,
    int MaxAttempts,
    bool ToTerminate,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? Error,
    string Status,
    IReadOnlyList<ExecutionStatusEntry> StatusLog,
    ExecutionStatusEntry? LatestStatus,
    double? Duration,
    string ProjectId,
    string FunctionName,
    string ServiceId,
    string? ServiceName,
    int? ServiceVersion,
    string? PackageId,
    string? PackageName,
    int? PackageRevision,
    string? TriggerId)
{
    /// <summary>Whether <see cref="Status"/> is final.</summary>
    public bool IsFinal => ExecutionStatuses.IsFinal(Status);
}

/// <summary>One entry of an execution's status log.</summary>
/// <param name="Timestamp">When it happened.</param>
/// <param name="Status">The status entered.</param>
/// <param name="Message">A message, such as progress text or a retry note.</param>
/// <param name="PercentComplete">Progress, 0-100.</param>
/// <param name="Error">The attempt's error, on failure.</param>
/// <param name="Output">The output, on success when stored inline.</param>
public sealed record ExecutionStatusEntry(DateTimeOffset Timestamp, string Status, string? Message, int? PercentComplete, JsonElement? Error, JsonElement? Output);

/// <summary>An execution as execution listings show it; read the execution for its log, input and output.</summary>
/// <param name="Id">The execution id.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="ServiceId">The service called.</param>
/// <param name="ServiceName">That service's name.</param>
/// <param name="FunctionName">The function called.</param>
/// <param name="TriggerId">The trigger that started it, if any.</param>
/// <param name="Status">The current status.</param>
/// <param name="Attempts">Attempts in the current cycle.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ExecutionSummary(
    string Id,
    string ProjectId,
    string ServiceId,
    string? ServiceName,
    string FunctionName,
    string? TriggerId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>Filters of an execution listing; null means any.</summary>
/// <param name="ServiceId">Only this service's executions.</param>
/// <param name="Status">Only executions in this status.</param>
/// <param name="FunctionName">Only calls of this function.</param>
/// <param name="TriggerId">Only executions this trigger started.</param>
/// <param name="From">Created at or after.</param>
/// <param name="To">Created before.</param>
/// <param name="PageSize">Items per request (1-500), not a limit on the listing.</param>
public sealed record ExecutionFilter(
    string? ServiceId = null,
    string? Status = null,
    string? FunctionName = null,
    string? TriggerId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int? PageSize = null);

/// <summary>One captured log line of an execution.</summary>
/// <param name="Timestamp">When it was written.</param>
/// <param name="Attempt">The attempt that wrote it.</param>
/// <param name="Stream"><c>stdout</c>, <c>stderr</c>, <c>logging</c> or <c>system</c>.</param>
/// <param name="Level">The logging level, for <c>logging</c> lines.</param>
/// <param name="Message">The text.</param>
/// <param name="EventId">The runner event that carried it.</param>
public sealed record ExecutionLogLine(DateTimeOffset Timestamp, int Attempt, string Stream, string? Level, string Message, string? EventId);

/// <summary>Log lines after a cursor, and the cursor to read on from.</summary>
/// <param name="Lines">The lines.</param>
/// <param name="Cursor">Pass back to read the lines that follow.</param>
public sealed record ExecutionLogPage(IReadOnlyList<ExecutionLogLine> Lines, string? Cursor);

/// <summary>The execution statuses and which of them are final.</summary>
public static class ExecutionStatuses
{
    /// <summary>Queued, or waiting for a retry.</summary>
    public const string Created = "created";

    /// <summary>Running on a replica.</summary>
    public const string InProgress = "in-progress";

    /// <summary>Finished with an output.</summary>
    public const string Success = "success";

    /// <summary>Failed on its last attempt.</summary>
    public const string Failed = "failed";

    /// <summary>Terminated on request.</summary>
    public const string Terminated = "terminated";

    /// <summary>Aborted.</summary>
    public const string Aborted = "aborted";

    /// <summary>Failed by the platform.</summary>
    public const string SystemFailure = "system-failure";

    /// <summary>Whether <paramref name="status"/> is one of the five final statuses.</summary>
    public static bool IsFinal(string? status) =>
        status is Success or Failed or Terminated or Aborted or SystemFailure;
}
