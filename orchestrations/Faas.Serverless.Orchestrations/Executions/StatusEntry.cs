using System.Text.Json;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// One row of an execution's status log (the API's <c>statusLog</c> array; the last one is <c>latestStatus</c>).
/// <paramref name="Status"/> is a wire name (<see cref="ExecutionStatuses.ToWireName"/>) and
/// <paramref name="PercentComplete"/> the last recorded progress at that moment.
/// </summary>
public sealed record StatusEntry(
    DateTimeOffset Timestamp,
    string Status,
    string? Message,
    int? PercentComplete,
    ErrorInfo? Error,
    JsonElement? Output);
