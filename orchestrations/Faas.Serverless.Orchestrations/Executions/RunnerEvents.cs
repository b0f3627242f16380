using System.Text.Json;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>The runner began the call: <c>in-progress</c>, and the attempt's timeout starts counting.</summary>
public sealed record RunnerStarted(string EventId, int Attempt) : AttemptEvent(EventId, Attempt);

/// <summary>
/// A progress update as the runner sent it. It never changes the status: whatever <paramref name="Status"/>
/// says (<c>inProgress</c>, even <c>completed</c>), the entry is <c>in-progress</c>; only
/// <see cref="AttemptSucceeded"/> finishes an execution.
/// </summary>
public sealed record ProgressReported(string EventId, int Attempt, string? Status, int? PercentComplete, string? Message)
    : AttemptEvent(EventId, Attempt);

/// <param name="OutputBlob">The payload name of an output too large for the instance row; <paramref name="Output"/> is then null.</param>
public sealed record AttemptSucceeded(string EventId, int Attempt, JsonElement? Output, string? OutputBlob = null) : AttemptEvent(EventId, Attempt);

/// <param name="Terminated">The runner interrupted the call; it ends the execution as <c>terminated</c> when a
/// termination was requested, and is an ordinary failed attempt otherwise.</param>
public sealed record AttemptFailed(string EventId, int Attempt, ErrorInfo Error, bool Terminated)
    : AttemptEvent(EventId, Attempt);

/// <summary>The runner gave the attempt back unfinished (draining): it is queued again under the same number.</summary>
public sealed record AttemptReleased(string EventId, int Attempt) : AttemptEvent(EventId, Attempt);

/// <summary>
/// The engine gave up on the attempt's work item (poisoned: every delivery died without a report). The platform
/// failed, not the function, so there is no retry: <c>system-failure</c>.
/// </summary>
public sealed record AttemptAbandoned(string EventId, int Attempt, ErrorInfo Error) : AttemptEvent(EventId, Attempt);
