using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

internal sealed partial class WorkerProcess
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Worker started: pid {Pid}, {Python} -m faas.worker in {CodebaseDir}")]
    private static partial void LogStarted(ILogger logger, int pid, string python, string codebaseDir);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Worker {Pid} exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, int pid, int exitCode);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "worker[{Pid}] {Line}")]
    private static partial void LogStderr(ILogger logger, int pid, string line);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Ignoring a worker stdout line that is not a protocol message ({Reason}): {Line}")]
    private static partial void LogBadLine(ILogger logger, string line, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "Handling a worker '{Type}' message failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string type);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Worker {Pid} exited but its pipes stay open (a process that left its group holds them); not waiting for them")]
    private static partial void LogPipesOpen(ILogger logger, int pid);
}
