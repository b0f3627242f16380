using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Faas.Serverless.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Microsoft.DurableTask's client (the type the Functions isolated extension hands out) over this host's task hub,
/// so code written against <see cref="DurableTaskClient"/> runs unchanged in both hosts. Inputs, event payloads and
/// outputs go through the worker's <see cref="DataConverter"/>, never DurableTask.Core's own JSON.
/// </summary>
internal sealed partial class AzureStorageDurableTaskClient(
    AzureStorageOrchestrationService service, CompletionSignals signals, DataConverter converter, IOptions<DurableTaskOptions> options)
    : DurableTaskClient(options.Value.HubName)
{
    /// <summary>An instance in one of these states is never replaced by a new start with its id.</summary>
    private static readonly CoreStatus[] LiveStatuses = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls only matter for instances another host finishes; this host's own completions are signaled.</summary>
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Starts (or schedules, with <see cref="StartOrchestrationOptions.StartAt"/>) an instance. An id whose instance
    /// is pending, running or suspended, or in any of <see cref="StartOrchestrationOptions.DedupeStatuses"/>, throws
    /// <see cref="DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException"/>; a finished one is replaced.
    /// </summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var started = new ExecutionStartedEvent(-1, converter.Serialize(input))
        {
            Name = orchestratorName.Name,
            Version = options?.Version?.Version ?? string.Empty,
            OrchestrationInstance = instance,
            ScheduledStartTime = options?.StartAt?.UtcDateTime,
            Tags = options?.Tags?.ToDictionary(tag => tag.Key, tag => tag.Value),
        };
        var dedupe = LiveStatuses.Union(options?.DedupeStatuses?.Select(ParseStatus) ?? []).ToArray();
        await TranslateAsync(() => service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, dedupe), "start an orchestration instance");
        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);
    }

    /// <summary>Ends the instance at its next episode; <see cref="TerminateInstanceOptions.Output"/> becomes its output.</summary>
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, converter.Serialize(options?.Output));
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        for (var delay = FirstPoll; ; delay = Next(delay))
        {
            var metadata = await RequireAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(delay, cancellation);
        }
    }

    /// <summary>
    /// Returns once the instance has completed, failed or been terminated: at once when this host's worker commits
    /// that, otherwise at the next poll of its instance row (every 50 ms at first, backing off to 500 ms).
    /// </summary>
    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        using var watch = signals.Observe(instanceId);
        for (var delay = FirstPoll; ; delay = Next(delay))
        {
            var metadata = await RequireAsync(instanceId, getInputsAndOutputs, cancellation);
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.WhenAny(watch.Signaled, Task.Delay(delay, cancellation));
            cancellation.ThrowIfCancellationRequested();
        }
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static TimeSpan Next(TimeSpan delay) => delay * 2 < MaxPoll ? delay * 2 : MaxPoll;

    private async Task<OrchestrationMetadata> RequireAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellation) =>
        await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
            ?? throw new InvalidOperationException($"No orchestration instance '{instanceId}' exists in task hub {Name}.");

    private Task SendAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellation.ThrowIfCancellationRequested();
        return TranslateAsync(
            () => service.SendTaskOrchestrationMessageAsync(new TaskMessage
            {
                OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
                Event = historyEvent,
            }),
            "send an orchestration message");
    }

    /// <summary>
    /// DurableTask.AzureStorage wraps the Azure SDK's failures in its own (internal) exception: callers get the
    /// platform's storage exceptions instead (an outage is a 503 to an API caller, never a 500).
    /// </summary>
    private static async Task<T> TranslateAsync<T>(Func<Task<T>> call, string operation)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex.InnerException is { } inner && StorageFailure.IsStorageFailure(inner))
        {
            throw StorageFailure.Translate(inner, operation);
        }
        catch (Exception ex) when (StorageFailure.IsStorageFailure(ex))
        {
            throw StorageFailure.Translate(ex, operation);
        }
    }

    private static async Task TranslateAsync(Func<Task> call, string operation) =>
        await TranslateAsync(async () =>
        {
            await call();
            return true;
        }, operation);
}
