using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

internal sealed partial class ExecutionTracker
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Execution {ExecutionId} attempt {Attempt} timed out after {TimeoutSeconds} s; terminating it")]
    private static partial void LogTimedOut(ILogger logger, string executionId, int attempt, double timeoutSeconds);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Information, Message = "The host asked to terminate execution {ExecutionId} attempt {Attempt}")]
    private static partial void LogTerminateRequested(ILogger logger, string executionId, int attempt);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "Lease of execution {ExecutionId} attempt {Attempt} was lost to another replica; terminating the call")]
    private static partial void LogLost(ILogger logger, string executionId, int attempt);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Debug, Message = "Ignoring worker '{Type}' for execution {ExecutionId} attempt {Attempt}: not running here")]
    private static partial void LogUnknownExecution(ILogger logger, string type, string executionId, int attempt);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Warning, Message = "Execution {ExecutionId} attempt {Attempt} was leased while a call of it still runs here")]
    private static partial void LogDuplicate(ILogger logger, string executionId, int attempt);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Warning, Message = "Could not send terminate for execution {ExecutionId}: {Reason}")]
    private static partial void LogTerminateFailed(ILogger logger, string executionId, string reason);

    [LoggerMessage(EventId = 4207, Level = LogLevel.Warning, Message = "Execution {ExecutionId} attempt {Attempt} failed with its worker: {ErrorType}: {ErrorMessage}")]
    private static partial void LogCallLost(ILogger logger, string executionId, int attempt, string errorType, string errorMessage);
}
