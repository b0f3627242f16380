using Faas.Serverless.Runner.Options;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Hosting;

/// <summary>
/// Watches the parent: the end of stdin with <c>--parent-stdin</c> (the kernel closes the parent's end of the pipe
/// when it dies, whatever namespace the agent runs in), else <c>--parent-pid</c>. A host killed with SIGKILL cannot
/// stop its runners, and a restarted host starts replicas of its own: <see cref="Gone"/> tells the agent it is an
/// orphan that must wind down by itself.
/// </summary>
internal sealed partial class ParentWatchdog(RunnerOptions options, AgentTimings timings, TimeProvider timeProvider, ILogger<ParentWatchdog> logger)
    : BackgroundService
{
    private readonly CancellationTokenSource _gone = new();

    /// <summary>Cancelled once the parent process is gone; never without <c>--parent-pid</c>.</summary>
    public CancellationToken Gone => _gone.Token;

    public override void Dispose()
    {
        _gone.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ParentStdin)
        {
            await ParentPipe.WaitForEndAsync(stoppingToken);
            LogParentPipeClosed(logger);
            await _gone.CancelAsync();
            return;
        }

        if (options.ParentPid is not { } pid)
        {
            return;
        }

        using var parent = ParentProcess.Attach(pid);
        using var timer = new PeriodicTimer(timings.ParentPollInterval, timeProvider);
        while (parent.IsAlive())
        {
            await timer.WaitForNextTickAsync(stoppingToken);
        }

        LogParentGone(logger, pid);
        await _gone.CancelAsync();
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "The parent process {Pid} is gone: leasing no more work, finishing the running calls")]
    private static partial void LogParentGone(ILogger logger, int pid);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "The parent closed stdin (it is gone): leasing no more work, finishing the running calls")]
    private static partial void LogParentPipeClosed(ILogger logger);
}
