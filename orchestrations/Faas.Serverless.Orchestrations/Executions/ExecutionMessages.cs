using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>The status log's wording, in one place so that it stays consistent.</summary>
internal static class ExecutionMessages
{
    public const string FinishedBeforeTermination = "finished before the termination request took effect";

    public static string Attempt(ExecutionState state) => $"attempt {state.Attempts} of {state.MaxAttempts}";

    public static string Started(ExecutionState state) => $"{Attempt(state)} started";

    public static string AttemptEnded(ExecutionState state, string outcome) => $"{Attempt(state)} {outcome}";

    public static string Retrying(ExecutionState state, TimeSpan delay) =>
        $"retrying in {(long)delay.TotalSeconds} s (attempt {state.Attempts + 1} of {state.MaxAttempts})";

    public static string Requeued(ExecutionState state) => $"released by the runner; queued again ({Attempt(state)})";

    public static string Abandoned(ExecutionState state) => $"{Attempt(state)} was abandoned by the platform";

    /// <summary>What a progress update says: its message, else a status other than in-progress, else nothing.</summary>
    public static string? Progress(string? status, string? message)
    {
        if (!string.IsNullOrWhiteSpace(message))
        {
            return message;
        }

        var inProgress = ExecutionStatuses.TryParse(status, out var parsed) && parsed == ExecutionStatus.InProgress;
        return string.IsNullOrWhiteSpace(status) || inProgress ? null : $"runner reported status '{status}'";
    }

    public static string TerminationRequested(TerminationRequest request) => "termination requested" + Origin(request);

    public static string Terminated(TerminationRequest? request) => "terminated on request" + Origin(request);

    public static string TerminationUnconfirmed(ExecutionState state) =>
        $"{Terminated(state.Termination)}; the runner did not confirm within {state.Policy.TerminationGraceSeconds} s";

    public static string Rerun(string? requestedBy) =>
        requestedBy is null ? "rerun requested" : $"rerun requested by {requestedBy}";

    public static string Aborted(string reason) => $"aborted: {reason}";

    private static string Origin(TerminationRequest? request) => (request?.RequestedBy, request?.Reason) switch
    {
        (null, null) => string.Empty,
        ({ } by, null) => $" by {by}",
        (null, { } reason) => $": {reason}",
        ({ } by, { } reason) => $" by {by}: {reason}",
    };
}
