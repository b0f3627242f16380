using Azure.Storage.Blobs;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Storage;
using Faas.Serverless.Stores;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Triggers;

/// <summary>
/// The cron timer function: one host at a time (the holder of the blob lease <c>{tablePrefix}/cron-leader</c>)
/// plans every active cron trigger, sleeping until the next tick is due (at most a second, so that triggers
/// changed on other hosts are seen), and wakes early when a trigger changes on this host. Followers try to take
/// the lease every second, so a released lease changes hands within about a second.
/// </summary>
internal sealed partial class CronDispatcher : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FailureDelay = TimeSpan.FromSeconds(2);
    private readonly CronRound _round;
    private readonly TriggerChangeSignal _signal;
    private readonly TimeProvider _clock;
    private readonly ILogger<CronDispatcher> _logger;
    private readonly CronLeaderLease _lease;

    public CronDispatcher(
        CronRound round, TriggerChangeSignal signal, BlobServiceClient blobs, IOptions<TriggerOptions> options, IOptions<StoreOptions> store, TimeProvider clock, ILogger<CronDispatcher> logger)
    {
        _round = round;
        _signal = signal;
        _clock = clock;
        _logger = logger;
        var container = blobs.GetBlobContainerClient(options.Value.LeaseContainer);
        _lease = new CronLeaderLease(container, $"{store.Value.TablePrefix}/cron-leader", TimeSpan.FromSeconds(options.Value.LeaseSeconds), clock);
    }

    public bool IsLeader => _lease.IsLeader;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasLeader = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var changed = _signal.Changed;
                var sleep = FailureDelay;
                try
                {
                    var leader = await _lease.HoldAsync(stoppingToken);
                    if (leader != wasLeader)
                    {
                        LogLeadership(_logger, leader ? "acquired" : "lost");
                        wasLeader = leader;
                    }

                    // A round that has begun runs to its end: stopping half-way could commit ticks and not fire them.
                    sleep = leader ? await _round.RunAsync(CancellationToken.None) : MaxSleep;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex) when (ex is StorageUnavailableException or HttpRequestException or TimeoutException || StorageFailure.IsStorageFailure(ex))
                {
                    LogRoundFailed(_logger, ex);
                }

                await SleepAsync(sleep < MaxSleep ? sleep : MaxSleep, changed, stoppingToken);
            }
        }
        finally
        {
            await ReleaseAsync(wasLeader);
        }
    }

    private async Task SleepAsync(TimeSpan sleep, Task changed, CancellationToken stoppingToken)
    {
        if (sleep <= TimeSpan.Zero)
        {
            return;
        }

        using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        await Task.WhenAny(changed, Task.Delay(sleep, _clock, wake.Token));
        await wake.CancelAsync();
    }

    private async Task ReleaseAsync(bool wasLeader)
    {
        try
        {
            await _lease.ReleaseAsync(CancellationToken.None);
            if (wasLeader)
            {
                LogLeadership(_logger, "released");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException || StorageFailure.IsStorageFailure(ex))
        {
            LogRoundFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 4510, Level = LogLevel.Information, Message = "Cron leadership {Change}")]
    private static partial void LogLeadership(ILogger logger, string change);

    [LoggerMessage(EventId = 4511, Level = LogLevel.Warning, Message = "Cron dispatch round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
