using System.Globalization;
using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Work;

/// <summary>Builds host events for a run, each with a fresh uuid eventId; the lease id is stamped when sent.</summary>
internal static class EventFactory
{
    public const string TimeoutErrorType = "TimeoutError";
    public const string TerminatedErrorType = "ExecutionTerminated";
    public const string WorkerCrashedErrorType = "WorkerCrashed";
    public const string ProtocolErrorType = "WorkerProtocolError";

    public static RunnerEvent Started(ExecutionRun run, DateTimeOffset now) => Create(run, EventTypes.Started, now);

    public static RunnerEvent Released(ExecutionRun run, DateTimeOffset now) => Create(run, EventTypes.Released, now);

    public static RunnerEvent TimedOut(ExecutionRun run, DateTimeOffset now) =>
        Create(run, EventTypes.Failed, now) with
        {
            Error = new ErrorInfo(
                TimeoutErrorType,
                string.Create(CultureInfo.InvariantCulture, $"The call exceeded its timeout of {run.Timeout.TotalSeconds:0} s and was terminated by the runner."),
                null),
            Terminated = false,
        };

    public static RunnerEvent TerminateGraceExpired(ExecutionRun run, TimeSpan grace, DateTimeOffset now) =>
        Create(run, EventTypes.Failed, now) with
        {
            Error = new ErrorInfo(
                TerminatedErrorType,
                string.Create(CultureInfo.InvariantCulture, $"Terminated on request; the call did not stop within {grace.TotalSeconds:0} s."),
                null),
            Terminated = true,
        };

    /// <summary>The call did not stop on a terminate request within the grace, so its worker was killed.</summary>
    public static RunnerEvent TerminatedByKill(ExecutionRun run, TimeSpan grace, DateTimeOffset now) =>
        Create(run, EventTypes.Failed, now) with
        {
            Error = new ErrorInfo(
                TerminatedErrorType,
                string.Create(CultureInfo.InvariantCulture, $"Terminated on request; the call did not stop within {grace.TotalSeconds:0.#} s, so its worker process was killed."),
                null),
            Terminated = true,
        };

    /// <summary>The worker died while running the call; the last lines of its stderr stand in for a traceback.</summary>
    public static RunnerEvent WorkerCrashed(ExecutionRun run, WorkerExit exit, DateTimeOffset now) =>
        Create(run, EventTypes.Failed, now) with
        {
            Error = new ErrorInfo(
                WorkerCrashedErrorType,
                $"The worker process running the call {exit.Describe()}; it is started again for the next calls.",
                exit.StderrTail.Length > 0 ? exit.StderrTail : null),
            Terminated = false,
        };

    /// <summary>The worker broke the protocol while running the call (e.g. a line beyond the size limit) and was killed.</summary>
    public static RunnerEvent ProtocolViolation(ExecutionRun run, string reason, DateTimeOffset now) =>
        Create(run, EventTypes.Failed, now) with
        {
            Error = new ErrorInfo(ProtocolErrorType, $"The worker was killed: {reason}.", null),
            Terminated = false,
        };

    /// <summary>Maps a worker <c>progress</c>, <c>log</c>, <c>result</c> or <c>error</c> message; null for any other type.</summary>
    public static RunnerEvent? FromWorker(ExecutionRun run, WorkerMessage message, int maxMessageChars, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Type switch
        {
            WorkerMessageTypes.Progress => Create(run, EventTypes.Progress, now) with
            {
                Status = message.Status,
                PercentComplete = message.PercentComplete,
                Message = Truncate(message.Message, maxMessageChars),
            },
            WorkerMessageTypes.Log => Create(run, EventTypes.Log, ParseTimestamp(message.Timestamp) ?? now) with
            {
                Stream = message.Stream ?? "stdout",
                Level = message.Level ?? "INFO",
                Message = Truncate(message.Message, maxMessageChars) ?? string.Empty,
            },
            WorkerMessageTypes.Result => Create(run, EventTypes.Succeeded, now) with
            {
                Output = message.Output ?? RunnerJson.Null,
            },
            WorkerMessageTypes.Error => Create(run, EventTypes.Failed, now) with
            {
                Error = message.Error ?? new ErrorInfo("Error", "The worker reported an error without details.", null),
                Terminated = message.Terminated ?? false,
            },
            _ => null,
        };
    }

    /// <summary>Accepts an ISO 8601 string or Unix seconds (Python's time.time()).</summary>
    public static DateTimeOffset? ParseTimestamp(JsonElement? value)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        if (element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var seconds) && seconds is > 0 and < 253402300799)
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        return null;
    }

    private static RunnerEvent Create(ExecutionRun run, string type, DateTimeOffset timestamp) => new()
    {
        ExecutionId = run.ExecutionId,
        Attempt = run.Attempt,
        EventId = EventIds.Next(),
        Type = type,
        Timestamp = timestamp,
    };

    private static string? Truncate(string? text, int max) =>
        text is null || text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "… [truncated]");
}
