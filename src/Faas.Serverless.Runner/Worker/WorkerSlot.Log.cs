using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

internal sealed partial class WorkerSlot
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Slot {Slot}: execution {ExecutionId} attempt {Attempt} did not stop within {GraceSeconds} s; killing worker {Pid} and its process group")]
    private static partial void LogKilling(ILogger logger, int slot, int pid, string executionId, int attempt, double graceSeconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Slot {Slot}: worker {Pid} did not shut down cleanly ({Reason}); killing it")]
    private static partial void LogShutdownKill(ILogger logger, int slot, int pid, string reason);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Slot {Slot}: worker {Pid} {Exit} while running {ExecutionId}")]
    private static partial void LogCrashed(ILogger logger, int slot, int pid, string exit, string executionId);
}
