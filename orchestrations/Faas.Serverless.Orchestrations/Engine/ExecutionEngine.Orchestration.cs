using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>How events reach the orchestration, and how callers wait for their effect.</summary>
public sealed partial class ExecutionEngine
{
    /// <summary>
    /// Events of an execution whose orchestration runs are raised to it. The first events of an execution create its
    /// instance, with them as its input; so does a rerun of a finished execution, once the previous generation's
    /// instance has completed (it completes just after its final commit). Whether an instance runs is read only when
    /// a start is refused. Past <paramref name="deadline"/> the sender is told to send again.
    /// </summary>
    private async Task RaiseAsync(ExecutionRecord record, IReadOnlyList<ExecutionEvent> events, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var (id, state) = (record.Info.Id, record.State);
        if (!state.IsFinal && !IsUntouched(state))
        {
            await durable.RaiseEventAsync(id, ExecutionOrchestration.EventsName, events.ToArray(), cancellationToken);
            return;
        }

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
                switch (instance?.RuntimeStatus)
                {
                    case null:
                        throw;
                    case OrchestrationRuntimeStatus.Pending:
                        // Its start message is held by a host that died (hidden for the visibility timeout): the sender
                        // sends again later, by when the next owner has started it.
                        throw new NotAppliedYetException($"The orchestration of execution '{id}' has not started yet; send the events again shortly.");
                    case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended when !state.IsFinal:
                        // Another sender created it first; a duplicate among the events is dropped by its event id.
                        await durable.RaiseEventAsync(id, ExecutionOrchestration.EventsName, events.ToArray(), cancellationToken);
                        return;
                    case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended when clock.GetUtcNow() > deadline:
                        throw new NotAppliedYetException($"The previous run of execution '{id}' is still completing; send the rerun again shortly.");
                    case OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended:
                        // The record is final, so its instance is completing: an event raised now would be discarded.
                        LogWaitingForCompletion(logger, id);
                        break;
                    default:
                        if (!state.IsFinal)
                        {
                            // It finished since this record was read: the record as stored now drops the events.
                            return;
                        }

                        break;
                }
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

    /// <summary>Whether the record no longer needs the events: it holds them already, or would drop them now.</summary>
    private bool IsSettled(ExecutionRecord record, IReadOnlyList<ExecutionEvent> events) =>
        ExecutionOrchestrator.ApplyAll(record.State, events, clock.GetUtcNow()).IsDropped;

    /// <summary>
    /// Waits for the record to show the events: woken by this host's commits (the usual case: its worker ran the
    /// activity, which updated the cache), polling storage otherwise, for another host's.
    /// </summary>
    private async Task<ExecutionRecord?> WaitUntilSettledAsync(string executionId, IReadOnlyList<ExecutionEvent> events, DateTimeOffset deadline, TimeSpan wait, CancellationToken cancellationToken)
    {
        var woken = true;
        while (true)
        {
            var watch = waiters.Watch(executionId);
            var record = woken ? await records.GetAsync(executionId, cancellationToken) : await records.ReadAsync(executionId, cancellationToken);
            if (record is null || IsSettled(record, events))
            {
                return record;
            }

            if (clock.GetUtcNow() > deadline)
            {
                throw new NotAppliedYetException($"Execution '{executionId}' has not applied the events within {wait.TotalSeconds:0.#} s; send them again.");
            }

            woken = await Task.WhenAny(watch, Task.Delay(CommitPoll, cancellationToken)) == watch;
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Execution {ExecutionId}: waiting for its finished orchestration to complete before starting the next")]
    private static partial void LogWaitingForCompletion(ILogger logger, string executionId);
}
