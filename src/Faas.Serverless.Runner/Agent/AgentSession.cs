using System.Runtime.ExceptionServices;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Hosting;
using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Agent;

/// <summary>
/// The running replica: leasing, renewing and event loops around ready workers, until a stop request (drain →
/// Stopped, exit 0), workers that keep failing to start again after a crash or kill (Error with their init error, exit 3
/// like any init failure; in-flight items are not reported, so their leases expire and they are redelivered) or a
/// refusal by the host (exit 4). When the parent process is gone the stop is an orphan's:
/// the same drain, without announcing Draining for a replica id the restarted host reuses, and its running calls
/// report to whichever host answers next, so they are not run again once their leases expire.
/// </summary>
internal sealed partial class AgentSession(
    RunnerSpec spec,
    WorkerPool workers,
    ExecutionTracker tracker,
    EventOutbox outbox,
    LeaseRenewer renewer,
    TerminationWatcher watcher,
    WorkLoop workLoop,
    ReplicaStateReporter reporter,
    ParentWatchdog parent,
    AgentTimings timings,
    TimeSpan? exitWhenIdle,
    TimeProvider timeProvider,
    ILogger<AgentSession> logger)
{
    public async Task<int> RunAsync(CancellationToken stopping = default)
    {
        using var background = new CancellationTokenSource();
        using var leasing = CancellationTokenSource.CreateLinkedTokenSource(stopping, background.Token);
        var outboxTask = outbox.RunAsync(background.Token);
        var renewTask = renewer.RunAsync(background.Token);
        var watchTask = watcher.RunAsync(background.Token);
        var leaseTask = Task.CompletedTask;
        var idleTask = exitWhenIdle is { } idleFor
            ? IdleWatch.WaitAsync(() => tracker.InFlight == 0 && outbox.Count == 0, idleFor, timeProvider, background.Token)
            : Task.Delay(Timeout.Infinite, background.Token);
        try
        {
            try
            {
                await reporter.ReportAsync(ReplicaStates.Ready, $"Ready: {spec.Concurrency} concurrent calls", null, stopping);
                leaseTask = workLoop.RunAsync(leasing.Token);
                var stopped = Task.Delay(Timeout.Infinite, stopping);
                await Task.WhenAny(stopped, workers.Failed, leaseTask, outboxTask, renewTask, idleTask);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stop requested while reporting Ready: drain below.
            }

            if (workers.Failed.IsCompleted)
            {
                return await WorkersFailedAsync();
            }

            if (new[] { leaseTask, outboxTask, renewTask }.FirstOrDefault(t => t.IsFaulted) is { } faulted)
            {
                var error = faulted.Exception!.InnerException!;
                if (error is HostRefusedException refused)
                {
                    LogRefused(logger, refused.Message);
                    return ExitCodes.Refused;
                }

                ExceptionDispatchInfo.Throw(error);
            }

            if (idleTask.IsCompletedSuccessfully)
            {
                LogIdle(logger, exitWhenIdle!.Value.TotalSeconds);
            }

            return await DrainAsync(leasing, leaseTask);
        }
        finally
        {
            await background.CancelAsync();
            await Task.WhenAll(outboxTask, renewTask, watchTask, leaseTask, idleTask).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<int> DrainAsync(CancellationTokenSource leasing, Task leaseTask)
    {
        await leasing.CancelAsync();
        workers.StopRespawning();
        await leaseTask.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var orphaned = parent.Gone.IsCancellationRequested;
        var running = tracker.Snapshot().Count(r => r.LeaseHeld);
        if (orphaned)
        {
            LogOrphaned(logger, running, spec.DrainTime);
        }
        else
        {
            LogDraining(logger, running, spec.DrainTime);
            await ReportAsync(ReplicaStates.Draining, $"Stopping: waiting up to {spec.DrainTime} s for {running} running calls", null);
        }

        // A lease is held until the host acknowledged the run's final event, so an orphan waits here for a host to answer.
        var deadline = timeProvider.GetUtcNow() + TimeSpan.FromSeconds(spec.DrainTime);
        while (tracker.Snapshot().Any(r => r.LeaseHeld))
        {
            var left = deadline - timeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            await tracker.SlotFreed.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }

        var released = 0;
        foreach (var run in tracker.Snapshot().Where(r => !r.Finished))
        {
            tracker.Release(run);
            released++;
        }

        if (released > 0)
        {
            LogReleased(logger, released);
        }

        if (!await outbox.WaitUntilEmptyAsync(timings.ShutdownFlushTimeout))
        {
            LogFlushTimedOut(logger, outbox.Count);
        }

        await workers.StopAsync(timings.WorkerShutdownSeconds);
        var stopped = orphaned ? "Stopped: the parent process is gone" : "Stopped";
        await ReportAsync(ReplicaStates.Stopped, released > 0 ? $"{stopped}; {released} unfinished calls released" : stopped, null);
        return ExitCodes.Stopped;
    }

    private async Task<int> WorkersFailedAsync()
    {
        var error = await workers.Failed;
        LogWorkersFailed(logger, WorkerPool.MaxRespawnFailures, error.Type, error.Message);
        await outbox.WaitUntilEmptyAsync(TimeSpan.FromSeconds(3));
        await ReportAsync(ReplicaStates.Error, "Init failed: a worker could not be started again", error);
        return ExitCodes.InitFailed;
    }

    private async Task ReportAsync(string state, string message, ErrorInfo? error)
    {
        using var cts = new CancellationTokenSource(timings.ShutdownFlushTimeout, timeProvider);
        try
        {
            await reporter.ReportAsync(state, message, error, cts.Token);
        }
        catch (Exception ex) when (ex is HostApiException or OperationCanceledException)
        {
            LogReportFailed(logger, state, ex.Message);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Draining: waiting up to {DrainSeconds} s for {Running} running calls")]
    private static partial void LogDraining(ILogger logger, int running, int drainSeconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Drain time is over: released {Count} unfinished calls to other replicas")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "{Count} events could not be sent before stopping")]
    private static partial void LogFlushTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "A worker failed to start again {Failures} times in a row ({ErrorType}: {ErrorMessage}); in-flight calls are left to expire and be redelivered")]
    private static partial void LogWorkersFailed(ILogger logger, int failures, string errorType, string errorMessage);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "The host refused this runner: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Warning, Message = "Orphaned: waiting up to {DrainSeconds} s for {Running} running calls to finish and reach a host")]
    private static partial void LogOrphaned(ILogger logger, int running, int drainSeconds);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Information, Message = "Idle for {Seconds} s (--exit-when-idle): stopping")]
    private static partial void LogIdle(ILogger logger, double seconds);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Could not report state {State}: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string state, string reason);
}
