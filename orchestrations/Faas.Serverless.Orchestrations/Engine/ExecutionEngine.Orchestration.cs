using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>How events reach the orchestration, and how callers wait for their effect.</summary>
public sealed partial class ExecutionEngine
{
    /// <summary>How long a rerun waits for the previous cycle's orchestration to complete after its final commit.</summary>
    private static readonly TimeSpan CompletionWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Events of an execution whose orchestration runs are raised to it. The first events of an execution create its
    /// instance, with them as its input; so do a rerun's, once the previous cycle's instance has completed (a
    /// finished execution drops anything else). Whether an instance runs is read only when a start is refused.
    /// </summary>
    private async Task RaiseAsync(ExecutionRecord record, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        var (id, state) = (record.Info.Id, record.State);
        if (state.IsFinal && !events.Any(e => e is RerunRequested))
        {
            return;
        }

        if (!state.IsFinal && !IsUntouched(state))
        {
            await durable.RaiseEventAsync(id, ExecutionOrchestration.EventsName, events.ToArray(), cancellationToken);
            return;
        }

        var deadline = clock.GetUtcNow() + CompletionWait;
        while (true)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(
                    ExecutionOrchestration.Name, new ExecutionOrchestrationInput(state, events), new StartOrchestrationOptions(id), cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var instance = await WaitUntilStartedAsync(id, deadline, cancellationToken);
                if (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Pending)
                {
                    // Its start message is held by a host that died (hidden for the visibility timeout): the caller
                    // retries after a 503, as it does through a storage outage, by when the next owner has started it.
                    throw new StorageUnavailableException($"The orchestration of execution '{id}' has not started yet; retry shortly.", ex);
                }

                if (instance?.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended))
                {
                    throw;
                }

                // A generation whose last commit was final is completing: the rerun starts the next one after it. Any
                // other running generation takes the events (a duplicate among them is dropped by its event id).
                if (!IsFinalStatus(instance.SerializedCustomStatus) || clock.GetUtcNow() > deadline)
                {
                    await durable.RaiseEventAsync(id, ExecutionOrchestration.EventsName, events.ToArray(), cancellationToken);
                    return;
                }

                LogWaitingForCompletion(logger, id);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    /// <summary>
    /// The instance once its first episode has run. DurableTask.AzureStorage may take a pending instance's start
    /// message and an event raised to it in one batch, put the start back, and discard the event ("no such
    /// instance"): an event is raised only to an instance that has started.
    /// </summary>
    private async Task<OrchestrationMetadata?> WaitUntilStartedAsync(string id, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
            if (instance?.RuntimeStatus != OrchestrationRuntimeStatus.Pending || clock.GetUtcNow() > deadline)
            {
                return instance;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
    }

    /// <summary>Nothing but the creation was ever applied: the execution has no orchestration instance yet.</summary>
    private static bool IsUntouched(ExecutionState state) => state.RecentEventIds is [CreatedEventId];

    private static bool IsFinalStatus(string? serializedStatus) =>
        ExecutionStatuses.TryParse(serializedStatus?.Trim('"'), out var status) && status.IsFinal();

    private async Task<ExecutionRecord?> WaitForEventAsync(string executionId, string eventId, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + CommitWait;
        var woken = false;
        while (true)
        {
            var watch = waiters.Watch(executionId);
            var record = woken ? await records.GetAsync(executionId, cancellationToken) : await records.ReadAsync(executionId, cancellationToken);
            if (record is null || record.State.RecentEventIds.Contains(eventId, StringComparer.Ordinal) || clock.GetUtcNow() > deadline)
            {
                return record;
            }

            woken = await Task.WhenAny(watch, Task.Delay(CommitPoll, cancellationToken)) == watch;
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Execution {ExecutionId}: waiting for its finished orchestration to complete before starting the next")]
    private static partial void LogWaitingForCompletion(ILogger logger, string executionId);
}
