using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Worker;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// Long-polls <c>work/lease</c> for at most as many items as there are idle workers (and never beyond
/// <c>concurrency − in flight</c>) and hands each to an idle worker of the pool.
/// Returns when <paramref name="cancellationToken"/> of <see cref="RunAsync"/> is cancelled (stop leasing).
/// </summary>
internal sealed partial class WorkLoop(
    Func<int, int, CancellationToken, Task<IReadOnlyList<WorkItem>>> lease,
    WorkerPool workers,
    ExecutionTracker tracker,
    RunnerSpec spec,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <exception cref="HostRefusedException">The host refused the bot or the service (fatal).</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // A worker that is starting again after a kill or crash takes no work until it is ready.
            var free = Math.Min(spec.Concurrency - tracker.InFlight, workers.IdleCount);
            if (free <= 0)
            {
                await tracker.SlotFreed.WaitAsync(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            IReadOnlyList<WorkItem> items;
            try
            {
                items = await lease(Math.Min(free, timings.MaxItemsPerLease), timings.LeaseWaitSeconds, cancellationToken);
            }
            catch (HostApiException ex) when (ex is not HostRefusedException)
            {
                LogLeaseFailed(logger, ex.Message);
                await Task.Delay(timings.LeaseErrorDelay, timeProvider, cancellationToken);
                continue;
            }

            foreach (var item in items)
            {
                await StartAsync(item);
            }
        }
    }

    private async Task StartAsync(WorkItem item)
    {
        var timeout = TimeSpan.FromSeconds(item.TimeoutSeconds is > 0 ? item.TimeoutSeconds.Value : spec.ExecutionTimeout);
        var leaseDuration = TimeSpan.FromSeconds(item.LeaseSeconds is > 0 ? item.LeaseSeconds.Value : spec.LeaseSeconds);
        var call = new RunKey(item.ExecutionId, item.Attempt);
        if (tracker.InFlight >= spec.Concurrency || !workers.TryReserve(call))
        {
            // The host sent more than was asked for, or a worker died since: give the extra item straight back.
            LogOverDelivered(logger, item.ExecutionId, spec.Concurrency);
            tracker.StartReleased(item, timeout, leaseDuration);
            return;
        }

        var run = tracker.Start(item, timeout, leaseDuration);

        LogInvoking(logger, item.ExecutionId, item.Attempt, item.FunctionName);

        // Not cancellable: a reserved worker must get its call, or be known not to have it.
        var request = new InvokeRequest(item.ExecutionId, item.Attempt, item.FunctionName, item.Input ?? EmptyObject, item.Context ?? EmptyObject);
        if (!await workers.InvokeAsync(call, request, CancellationToken.None))
        {
            LogInvokeFailed(logger, item.ExecutionId, "its worker exited before the call was sent");
            tracker.ReleaseNotInvoked(run);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Invoking {FunctionName} for execution {ExecutionId} attempt {Attempt}")]
    private static partial void LogInvoking(ILogger logger, string executionId, int attempt, string functionName);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Leasing work failed: {Reason}")]
    private static partial void LogLeaseFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "The host leased execution {ExecutionId} beyond the concurrency of {Concurrency} or the idle workers; releasing it")]
    private static partial void LogOverDelivered(ILogger logger, string executionId, int concurrency);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "Could not invoke execution {ExecutionId}: {Reason}")]
    private static partial void LogInvokeFailed(ILogger logger, string executionId, string reason);
}
