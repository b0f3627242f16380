using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// Keeps one <c>work/watch</c> long poll open for the calls running here, so a terminate reaches its call within
/// milliseconds instead of at the next renewal (every leaseSeconds / 3). The watch only says which leases to look at:
/// they are renewed at once, and the renewal's answer stays what the agent acts on. A host without the endpoint
/// (404) or an outage leaves termination to the renewals, as before.
/// </summary>
internal sealed partial class TerminationWatcher(
    Func<IReadOnlyList<string>, int, CancellationToken, Task<IReadOnlyList<string>>> watch,
    LeaseRenewer renewer,
    ExecutionTracker tracker,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var running = tracker.Snapshot().Where(r => r.WorkerBusy && !r.Finished).GroupBy(r => r.LeaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            if (running.Count == 0)
            {
                await tracker.RunStarted.WaitAsync(Timeout.InfiniteTimeSpan, cancellationToken);
                continue;
            }

            try
            {
                if (await WatchOnceAsync(running, cancellationToken) is { Count: > 0 } stopping)
                {
                    await renewer.RenewAsync(stopping, cancellationToken);
                }
            }
            catch (HostRefusedException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                LogUnsupported(logger, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is HostApiException and not HostRefusedException or HttpRequestException or TimeoutException)
            {
                LogWatchFailed(logger, ex.Message);
                await Task.Delay(FailureDelay, timeProvider, cancellationToken);
            }
        }
    }

    /// <summary>The runs the host says are to stop; empty when the wait ran out or a new run started here first.</summary>
    private async Task<IReadOnlyList<ExecutionRun>> WatchOnceAsync(Dictionary<string, ExecutionRun> running, CancellationToken cancellationToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var request = watch([.. running.Keys], timings.WatchWaitSeconds, poll.Token);
        var started = tracker.RunStarted.WaitAsync(Timeout.InfiniteTimeSpan, poll.Token);
        if (await Task.WhenAny(request, started) == request)
        {
            await poll.CancelAsync();
            return [.. (await request).Select(id => running.GetValueOrDefault(id)).OfType<ExecutionRun>()];
        }

        // The set of running calls changed: watch the new one, after letting a burst of starts settle.
        await poll.CancelAsync();
        await request.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await Task.Delay(timings.WatchRestartDelay, timeProvider, cancellationToken);
        return [];
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "The host has no terminate watch ({Reason}); terminate requests arrive with lease renewals")]
    private static partial void LogUnsupported(ILogger logger, string reason);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Debug, Message = "Watching for terminate requests failed: {Reason}")]
    private static partial void LogWatchFailed(ILogger logger, string reason);
}
