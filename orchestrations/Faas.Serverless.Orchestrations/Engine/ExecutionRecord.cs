using System.Text.Json;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>The facts of an execution fixed at creation: what runs, where, with which input, for whom.</summary>
/// <param name="Input">The input, or empty when it is kept in the payload <paramref name="InputBlob"/>.</param>
/// <param name="InputBlob">The payload name of an input too large to keep in the row (see <see cref="IExecutionPayloadStore"/>).</param>
public sealed record ExecutionInfo(
    string Id,
    string ProjectId,
    string ServiceId,
    string ServiceName,
    int ServiceVersion,
    string PackageId,
    string PackageName,
    int PackageRevision,
    string FunctionName,
    IReadOnlyDictionary<string, JsonElement> Input,
    string Creator,
    string? TriggerId,
    JsonElement? Event,
    DateTimeOffset CreatedAt,
    string? InputBlob = null);

/// <summary>An execution as stored: its facts, its orchestration state, and the ETag that guards the next commit.</summary>
public sealed record ExecutionRecord(ExecutionInfo Info, ExecutionState State, string ETag);

/// <summary>One line of user output captured during an attempt; <paramref name="EventId"/> makes a redelivered line land once.</summary>
public sealed record ExecutionLogLine(DateTimeOffset Timestamp, int Attempt, string Stream, string? Level, string Message, string EventId);

/// <summary>Filters of an execution listing; null means "any".</summary>
public sealed record ExecutionQuery(
    string ProjectId,
    string? ServiceId = null,
    string? Status = null,
    string? FunctionName = null,
    string? TriggerId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null);

/// <summary>A listing row: enough to show and filter without reading each execution.</summary>
public sealed record ExecutionSummary(
    string Id,
    string ProjectId,
    string ServiceId,
    string ServiceName,
    string FunctionName,
    string? TriggerId,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
