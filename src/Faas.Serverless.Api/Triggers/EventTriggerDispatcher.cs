using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Triggers.Dql;
using Faas.Serverless.Domain.Validation;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Triggers;

/// <summary>
/// Matches events against the project's active event triggers (resource, action, DQL filter) and fires each
/// match once per delivery: the idempotency key <c>event:{triggerId}:{eventId}</c> turns a redelivery into the
/// execution it already started, and a Once trigger claims the resource id durably before it starts anything.
/// </summary>
internal sealed partial class EventTriggerDispatcher(
    ITriggerStore triggers,
    ITriggerOnceStore once,
    IServiceStore services,
    TriggerFiring firing,
    IOptions<TriggerOptions> options,
    ILogger<EventTriggerDispatcher> logger)
{
    public async Task<IReadOnlyList<EventResult>> DispatchAsync(string projectId, IReadOnlyList<ResourceEvent> events, CancellationToken cancellationToken = default)
    {
        var batch = new Batch(projectId);
        try
        {
            var results = new List<EventResult>(events.Count);
            foreach (var resourceEvent in events)
            {
                var outcomes = new List<TriggerResult>();
                foreach (var (trigger, filter) in await CandidatesAsync(batch, resourceEvent.Resource, cancellationToken))
                {
                    if (trigger.Spec.Actions!.Contains(resourceEvent.Action, StringComparer.Ordinal) && filter.Matches(resourceEvent.FilterDocument))
                    {
                        outcomes.Add(await FireAsync(batch, trigger, resourceEvent, cancellationToken));
                    }
                }

                results.Add(new EventResult(resourceEvent.Id, resourceEvent.Type, outcomes.Count(o => o.Outcome == TriggerOutcome.Started), outcomes));
            }

            return results;
        }
        finally
        {
            await SaveCountersAsync(batch);
        }
    }

    private async Task<TriggerResult> FireAsync(Batch batch, Trigger trigger, ResourceEvent resourceEvent, CancellationToken cancellationToken)
    {
        var serviceId = trigger.Spec.Operation.ServiceId;
        if (!batch.Services.TryGetValue(serviceId, out var service))
        {
            service = await services.GetAsync(batch.ProjectId, serviceId, cancellationToken);
            batch.Services[serviceId] = service;
        }

        if (service is not { Active: true, Deleting: false })
        {
            batch.Count(trigger.Id, skipped: 1, dropped: 0);
            LogServiceInactive(logger, trigger.Id, resourceEvent.Id, serviceId);
            return new TriggerResult(trigger.Id, TriggerOutcome.ServiceInactive, null, $"Service '{serviceId}' is paused or being deleted.");
        }

        var maxDepth = options.Value.MaxChainDepth;
        if (resourceEvent.Actor == service.Spec.BotUserId && resourceEvent.ChainDepth > maxDepth)
        {
            batch.Count(trigger.Id, skipped: 0, dropped: 1);
            LogLoopDropped(logger, trigger.Id, resourceEvent.Id, resourceEvent.Type, resourceEvent.Actor, resourceEvent.ChainDepth, maxDepth);
            return new TriggerResult(trigger.Id, TriggerOutcome.LoopDropped, null, $"Caused by the service's own bot at chain depth {resourceEvent.ChainDepth}, beyond {maxDepth}.");
        }

        var isOnce = trigger.Spec.ExecutionMode == TriggerExecutionMode.Once;
        if (isOnce && await once.ClaimAsync(trigger.Id, resourceEvent.ResourceId, resourceEvent.DeliveryKey, cancellationToken) != resourceEvent.DeliveryKey)
        {
            return new TriggerResult(trigger.Id, TriggerOutcome.AlreadyFiredOnce, null, null);
        }

        try
        {
            var key = $"event:{trigger.Id}:{resourceEvent.DeliveryKey}";
            var (record, created) = await firing.StartAsync(trigger, service, resourceEvent.Data, key, resourceEvent.ToContext(), cancellationToken);
            return new TriggerResult(trigger.Id, created ? TriggerOutcome.Started : TriggerOutcome.AlreadyStarted, record.Info.Id, null);
        }
        catch (ServiceNotRunnableException notRunnable)
        {
            await ReleaseAsync(isOnce, trigger, resourceEvent);
            batch.Count(trigger.Id, skipped: 1, dropped: 0);
            LogServiceNotRunnable(logger, trigger.Id, resourceEvent.Id, serviceId, notRunnable.Refusal.Status, notRunnable.Refusal.Reason);
            return new TriggerResult(trigger.Id, TriggerOutcome.ServiceInactive, null, notRunnable.Message);
        }
        catch (Exception ex) when (ex is ValidationFailedException or ConflictException or InputTooLargeException)
        {
            await ReleaseAsync(isOnce, trigger, resourceEvent);
            LogFireFailed(logger, trigger.Id, resourceEvent.Id, ex.Message);
            return new TriggerResult(trigger.Id, TriggerOutcome.Failed, null, ex.Message);
        }
        catch
        {
            // Nothing started: free the resource so that the sender's retry of this event can fire it.
            await ReleaseAsync(isOnce, trigger, resourceEvent);
            throw;
        }
    }

    private async Task ReleaseAsync(bool isOnce, Trigger trigger, ResourceEvent resourceEvent)
    {
        if (isOnce)
        {
            await once.ReleaseAsync(trigger.Id, resourceEvent.ResourceId, CancellationToken.None);
        }
    }

    private async Task<IReadOnlyList<(Trigger Trigger, DqlFilter Filter)>> CandidatesAsync(Batch batch, TriggerResource resource, CancellationToken cancellationToken)
    {
        if (!batch.Candidates.TryGetValue(resource, out var candidates))
        {
            var active = await triggers.ListActiveEventTriggersAsync(batch.ProjectId, resource, cancellationToken);
            candidates = [.. active.Select(trigger => (trigger, DqlFilter.Parse(trigger.Spec.Filter!.Value)))];
            batch.Candidates[resource] = candidates;
        }

        return candidates;
    }

    // Counters are a report, not a ledger: a failure to record them must not fail the events.
    private async Task SaveCountersAsync(Batch batch)
    {
        foreach (var (triggerId, (skipped, dropped)) in batch.Counters)
        {
            try
            {
                await triggers.CountEventsAsync(batch.ProjectId, triggerId, skipped, dropped, CancellationToken.None);
            }
            catch (Exception ex) when (ex is StorageUnavailableException or StorageRejectedException or PreconditionFailedException)
            {
                LogCountersLost(logger, ex, triggerId, skipped, dropped);
            }
        }
    }

    private sealed class Batch(string projectId)
    {
        public string ProjectId { get; } = projectId;

        public Dictionary<TriggerResource, IReadOnlyList<(Trigger Trigger, DqlFilter Filter)>> Candidates { get; } = [];

        public Dictionary<string, Service?> Services { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (long Skipped, long Dropped)> Counters { get; } = new(StringComparer.Ordinal);

        public void Count(string triggerId, long skipped, long dropped)
        {
            var (s, d) = Counters.GetValueOrDefault(triggerId);
            Counters[triggerId] = (s + skipped, d + dropped);
        }
    }

    [LoggerMessage(EventId = 4501, Level = LogLevel.Warning, Message = "Loop protection: trigger {TriggerId} dropped event {EventId} ({EventType}) caused by the service's bot {Actor} at chain depth {ChainDepth} (max {MaxChainDepth})")]
    private static partial void LogLoopDropped(ILogger logger, string triggerId, string eventId, string eventType, string actor, int chainDepth, int maxChainDepth);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Information, Message = "Trigger {TriggerId} skipped event {EventId}: service {ServiceId} is paused or being deleted")]
    private static partial void LogServiceInactive(ILogger logger, string triggerId, string eventId, string serviceId);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Information, Message = "Trigger {TriggerId} skipped event {EventId}: service {ServiceId} is {Status} ({Reason})")]
    private static partial void LogServiceNotRunnable(ILogger logger, string triggerId, string eventId, string serviceId, ServiceState status, string reason);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Warning, Message = "Trigger {TriggerId} could not start an execution for event {EventId}: {Reason}")]
    private static partial void LogFireFailed(ILogger logger, string triggerId, string eventId, string reason);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Warning, Message = "Trigger {TriggerId}: could not record {Skipped} skipped and {Dropped} loop-dropped events")]
    private static partial void LogCountersLost(ILogger logger, Exception exception, string triggerId, long skipped, long dropped);
}
