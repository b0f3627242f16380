using System.Text.Json;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Triggers.Cron;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Triggers;

/// <summary>
/// One pass of the cron leader over the active cron triggers. For each trigger with due ticks it commits the new
/// checkpoint against the trigger row's ETag first and only then starts the executions, each with the idempotency
/// key <c>cron:{triggerId}:{tick}</c>: a stale leader's commit fails, and even two leaders cannot run a tick twice.
/// A crash between commit and start loses those ticks rather than running them twice.
/// </summary>
internal sealed partial class CronRound(
    ITriggerStore triggers,
    IServiceStore services,
    TriggerFiring firing,
    ExecutionStarter starter,
    IOptions<TriggerOptions> options,
    TimeProvider clock,
    ILogger<CronRound> logger)
{
    private const int Parallelism = 8;
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    /// <returns>How long to sleep before the next round: until the next tick, at most a second; zero to retry at once.</returns>
    public async Task<TimeSpan> RunAsync(CancellationToken cancellationToken = default)
    {
        var planned = (await triggers.ListActiveCronTriggersAsync(cancellationToken))
            .Select(trigger => (Trigger: trigger, Schedule: TriggerValidator.Schedule(trigger.Spec)))
            .Where(pair => pair.Schedule is not null)
            .ToList();
        var now = clock.GetUtcNow();
        var conflicts = 0;
        await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (pair, token) =>
        {
            if (!await PlanAsync(pair.Trigger, pair.Schedule!, now, token))
            {
                Interlocked.Increment(ref conflicts);
            }
        });

        // Measured from the planning instant: a tick that fell due while this round ran is due at once.
        var elapsed = clock.GetUtcNow() - now;
        var next = planned.Select(pair => pair.Schedule!.DelayUntilNext(now)).Where(delay => delay != Timeout.InfiniteTimeSpan).Append(MaxDelay).Min() - elapsed;
        return conflicts > 0 || next < TimeSpan.Zero ? TimeSpan.Zero : next;
    }

    /// <returns>False when the trigger changed meanwhile and must be planned again from its fresh row.</returns>
    private async Task<bool> PlanAsync(Trigger trigger, CronSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = CronPlanner.Due(schedule, trigger.State.Checkpoint, trigger.CreatedAt, now, trigger.Spec.CatchUp ?? CronPlanner.DefaultPolicy, options.Value.MaxCatchUp);
        if (due.Checkpoint is not { } checkpoint)
        {
            return true;
        }

        var service = await services.GetAsync(trigger.ProjectId, trigger.Spec.Operation.ServiceId, cancellationToken);
        var runnable = service is { Deleting: false } && await starter.CheckRunnableAsync(service, cancellationToken) is null;
        var fire = runnable ? due.Fire : [];
        var paused = due.Fire.Count - fire.Count;
        var skipped = due.Skipped.Count + paused;
        var state = trigger.State with
        {
            Checkpoint = checkpoint,
            LastFiredTick = fire.Count > 0 ? fire[^1] : trigger.State.LastFiredTick,
            SkippedTicks = trigger.State.SkippedTicks + skipped,
        };
        try
        {
            trigger = await triggers.SetStateAsync(trigger, state, cancellationToken);
        }
        catch (PreconditionFailedException)
        {
            LogCheckpointConflict(logger, trigger.Id);
            return false;
        }

        if (due.Skipped is { Count: > 0, First: { } first, Last: { } last })
        {
            LogTicksMissed(logger, trigger.Id, due.Skipped.Count, first, last);
        }

        if (paused > 0)
        {
            LogTicksPaused(logger, trigger.Id, paused);
        }

        foreach (var tick in fire)
        {
            await FireAsync(trigger, service!, tick, cancellationToken);
        }

        return true;
    }

    private async Task FireAsync(Trigger trigger, Service service, DateTimeOffset tick, CancellationToken cancellationToken)
    {
        var context = JsonSerializer.SerializeToElement(new { kind = "Cron", tick, cron = trigger.Spec.Cron, timeZone = trigger.Spec.TimeZone ?? "UTC", chainDepth = 0 });
        try
        {
            var (record, _) = await firing.StartAsync(trigger, service, null, $"cron:{trigger.Id}:{tick:O}", context, cancellationToken);
            var late = clock.GetUtcNow() - tick;
            LogTickFired(logger, trigger.Id, tick, record.Info.Id, late);
        }
        catch (Exception ex) when (ex is ValidationFailedException or ConflictException or ServiceNotRunnableException or InputTooLargeException or StorageUnavailableException or StorageRejectedException)
        {
            LogTickFailed(logger, ex, trigger.Id, tick);
        }
    }

    [LoggerMessage(EventId = 4520, Level = LogLevel.Debug, Message = "Cron trigger {TriggerId} fired tick {Tick:O} as execution {ExecutionId}, {Late} after the tick")]
    private static partial void LogTickFired(ILogger logger, string triggerId, DateTimeOffset tick, string executionId, TimeSpan late);

    [LoggerMessage(EventId = 4521, Level = LogLevel.Information, Message = "Cron trigger {TriggerId} skipped {Count} missed ticks from {First:O} to {Last:O} (catch-up policy)")]
    private static partial void LogTicksMissed(ILogger logger, string triggerId, int count, DateTimeOffset first, DateTimeOffset last);

    [LoggerMessage(EventId = 4524, Level = LogLevel.Debug, Message = "Cron trigger {TriggerId} skipped {Count} ticks: its service is paused, deleted or failed")]
    private static partial void LogTicksPaused(ILogger logger, string triggerId, int count);

    [LoggerMessage(EventId = 4522, Level = LogLevel.Warning, Message = "Cron trigger {TriggerId} could not start the execution of tick {Tick:O}; the tick is lost")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string triggerId, DateTimeOffset tick);

    [LoggerMessage(EventId = 4523, Level = LogLevel.Debug, Message = "Cron trigger {TriggerId} changed while it was planned; planning it again")]
    private static partial void LogCheckpointConflict(ILogger logger, string triggerId);
}
