using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// Everything the orchestration knows about one execution: the instance row's JSON. Only
/// <see cref="ExecutionOrchestrator.Apply"/> produces new values.
/// </summary>
/// <param name="Id">The execution id.</param>
/// <param name="Status">The execution's status, equal to the status of the last history entry.</param>
/// <param name="Phase">Where the current attempt stands.</param>
/// <param name="Attempt">The dispatch number events and work items carry: 1 for the first attempt, +1 for each
/// retry and each rerun, never reused, so an event of an earlier attempt or cycle is recognisably stale.</param>
/// <param name="Attempts">Attempts dispatched in the current cycle (the API's <c>attempts</c>).</param>
/// <param name="Cycle">0 for the first run, +1 per rerun.</param>
/// <param name="Policy">The rules the execution was created with.</param>
/// <param name="Termination">Set by a termination request of the current cycle (the API's <c>toTerminate</c>).</param>
/// <param name="PercentComplete">The last recorded progress; cleared whenever an attempt is queued.</param>
/// <param name="LastMessage">The last non-empty status message.</param>
/// <param name="Output">The successful attempt's output, unless it is kept in the payload <paramref name="OutputBlob"/>.</param>
/// <param name="Error">The error of the last failed attempt of the cycle.</param>
/// <param name="CreatedAt">When the execution was created.</param>
/// <param name="UpdatedAt">When the last accepted event was applied; the clock never goes back before it.</param>
/// <param name="StartedAt">When the current attempt started running (null while it is queued or waiting for its
/// retry); once final, when the last attempt started, if it did.</param>
/// <param name="FinishedAt">When the cycle reached its final status.</param>
/// <param name="Duration">Seconds the cycle's attempts have spent running, counted up to the end of the last
/// one; while an attempt runs, add now − <paramref name="StartedAt"/>. Queue and backoff time are excluded.</param>
/// <param name="Timer">The durable timer the execution waits on, if any.</param>
/// <param name="TimerSequence">The sequence number of the last timer scheduled.</param>
/// <param name="HistoryCount">Status entries recorded so far: the sequence number of the next one.</param>
/// <param name="RecentEventIds">Ids of the last <see cref="ExecutionOrchestrator.RememberedEventIds"/> accepted
/// events, oldest first, so that a redelivered event is recognised.</param>
/// <param name="OutputBlob">The payload name of an output too large for the row (see <c>IExecutionPayloadStore</c>).</param>
public sealed record ExecutionState(
    string Id,
    ExecutionStatus Status,
    ExecutionPhase Phase,
    int Attempt,
    int Attempts,
    int Cycle,
    ExecutionPolicy Policy,
    TerminationRequest? Termination,
    int? PercentComplete,
    string? LastMessage,
    JsonElement? Output,
    ErrorInfo? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double Duration,
    PendingTimer? Timer,
    int TimerSequence,
    int HistoryCount,
    IReadOnlyList<string> RecentEventIds,
    string? OutputBlob = null)
{
    [JsonIgnore]
    public int MaxAttempts => Policy.MaxAttempts;

    [JsonIgnore]
    public bool ToTerminate => Termination is not null;

    [JsonIgnore]
    public bool IsFinal => Status.IsFinal();

    /// <summary>Whether a rerun would be accepted; the API answers 409 when it would not.</summary>
    [JsonIgnore]
    public bool CanRerun => IsFinal;

    /// <summary>
    /// Whether a work item or runner lease for <paramref name="attempt"/> is still wanted: the engine hands out
    /// (and keeps renewing) only these, and tells the runner to stop any other.
    /// </summary>
    public bool IsActiveAttempt(int attempt) =>
        attempt == Attempt && Phase is ExecutionPhase.Queued or ExecutionPhase.Running && !ToTerminate;
}
