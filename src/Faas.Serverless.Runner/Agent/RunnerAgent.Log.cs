using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Agent;

internal sealed partial class RunnerAgent
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Runner spec: service {Service} version {Version}, concurrency {Concurrency}, codebase {Sha256}")]
    private static partial void LogSpec(ILogger logger, string service, int version, int concurrency, string sha256);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Workers} workers are ready (python {Python}, sdk {SdkVersion})")]
    private static partial void LogReady(ILogger logger, int workers, string python, string sdkVersion);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Worker init failed: {ErrorType}: {ErrorMessage}")]
    private static partial void LogInitFailed(ILogger logger, string errorType, string errorMessage);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "The host refused this runner: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "The codebase cannot be used: {Reason}")]
    private static partial void LogCodebaseInvalid(ILogger logger, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Stop requested before the worker was ready")]
    private static partial void LogStoppedBeforeReady(ILogger logger);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Could not report the final state {State}: {Reason}")]
    private static partial void LogFinalReportFailed(ILogger logger, string state, string reason);
}
