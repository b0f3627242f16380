using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;
using Nito.AsyncEx;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// Renews held leases in batched <c>work/renew</c> calls (see <see cref="LeaseRenewalScheduler"/>) and applies the
/// answers. Holds the lease gate's write lock during a call so no event POST goes out with a lease id that is being replaced
/// (posts hold its read lock; a waiting renewal goes before posts that come after it).
/// </summary>
internal sealed partial class LeaseRenewer(
    Func<IReadOnlyList<string>, CancellationToken, Task<IReadOnlyList<LeaseRenewal>>> renew,
    ExecutionTracker tracker,
    AsyncReaderWriterLock leaseGate,
    AgentTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MinSleep = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    /// <exception cref="HostRefusedException">The host refused the bot or the service (fatal).</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var runs = tracker.Snapshot();
            var due = LeaseRenewalScheduler.SelectDue(runs, now);
            if (due.Count > 0 && !await RenewAsync(due, cancellationToken))
            {
                await Task.Delay(FailureBackoff, timeProvider, cancellationToken);
                continue;
            }

            var next = LeaseRenewalScheduler.NextDue(tracker.Snapshot());
            var sleep = next is { } n ? n - timeProvider.GetUtcNow() : MaxSleep;
            sleep = sleep < MinSleep ? MinSleep : sleep > MaxSleep ? MaxSleep : sleep;
            await Task.Delay(sleep, timeProvider, cancellationToken);
        }
    }

    /// <summary>Renews the given runs in batches; false when a call failed or left a lease unanswered (those stay due).</summary>
    public async Task<bool> RenewAsync(IReadOnlyList<ExecutionRun> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var allAnswered = true;
        foreach (var chunk in runs.Chunk(timings.MaxLeasesPerRenew))
        {
            try
            {
                using (await leaseGate.WriterLockAsync(cancellationToken))
                {
                    var byLease = chunk.Where(r => r.LeaseHeld).GroupBy(r => r.LeaseId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                    if (byLease.Count == 0)
                    {
                        continue;
                    }

                    var answers = await renew([.. byLease.Keys], cancellationToken);
                    foreach (var answer in answers)
                    {
                        if (answer.LeaseId is not null && byLease.Remove(answer.LeaseId, out var run))
                        {
                            tracker.ApplyRenewal(run, answer);
                        }
                    }

                    foreach (var missing in byLease.Values)
                    {
                        LogNoAnswer(logger, missing.ExecutionId, missing.Attempt);
                        allAnswered = false;
                    }
                }
            }
            catch (HostApiException ex) when (ex is not HostRefusedException)
            {
                LogRenewFailed(logger, chunk.Length, ex.Message);
                return false;
            }
        }

        return allAnswered;
    }

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Renewing {Count} leases failed: {Reason}")]
    private static partial void LogRenewFailed(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "The host did not answer for the lease of execution {ExecutionId} attempt {Attempt}")]
    private static partial void LogNoAnswer(ILogger logger, string executionId, int attempt);
}
