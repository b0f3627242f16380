using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// The orchestration service as a worker in this process uses it (the host's, and the bench's bare Durable Task run):
/// every call passes through, and a commit that ends an instance wakes the waiters of this process
/// (<see cref="CompletionSignals"/>). It hides the backend's entity support on purpose: no entities run on it, so the
/// worker starts no entity dispatcher. It also shortens the dispatchers' pauses after a failure (see
/// <see cref="GetDelayInSecondsAfterOnProcessException"/>), and it sees an activity's end through a storage outage
/// (<see cref="CompleteTaskActivityWorkItemAsync"/>).
/// </summary>
public sealed partial class SignalingOrchestrationService(IOrchestrationService inner, CompletionSignals signals, ILogger logger, TimeProvider? time = null)
    : IOrchestrationService
{
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
        var status = orchestrationState?.OrchestrationStatus ?? newOrchestrationRuntimeState.OrchestrationStatus;
        if (status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
        {
            signals.Signal(workItem.InstanceId);
        }
    }

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync()
    {
        _stopping = true;
        return inner.StopAsync();
    }

    public Task StopAsync(bool isForced)
    {
        _stopping = true;
        return inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    /// <summary>
    /// No pause after a work item failed. DurableTask.AzureStorage answers a fixed 10 s, and DurableTask.Core's dispatcher
    /// keeps pausing after each failure until five items in a row succeed; after a storage outage, the messages held
    /// across it fail on stale pop receipts one by one, so executions came back at about one per 10 s (50 in flight
    /// were not final 3 minutes later; with no pause, 14 s). The failed item itself waits out its visibility timeout,
    /// so nothing spins on it.
    /// </summary>
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 0;

    /// <summary>One second between fetches while storage is unreachable: a bounded poll, and recovery within a second of its return.</summary>
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 1;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);
}
