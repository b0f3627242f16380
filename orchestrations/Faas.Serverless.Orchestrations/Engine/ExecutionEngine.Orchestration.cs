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
    /// A final execution's orchestration has completed (or is completing), so a rerun starts a new generation of
    /// the same instance from the record's state; anything else for a final execution would be dropped anyway.
    /// </summary>
    private async Task RaiseAsync(ExecutionRecord record, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        if (!record.State.IsFinal)
        {
            await durable.RaiseEventAsync(record.Info.Id, ExecutionOrchestration.EventsName, events.ToArray(), cancellationToken);
            return;
        }

        if (!events.Any(e => e is RerunRequested))
        {
            return;
        }

        var deadline = clock.GetUtcNow() + CompletionWait;
        while (true)
        {
            var instance = await durable.GetInstanceAsync(record.Info.Id, getInputsAndOutputs: false, cancellationToken);
            if (instance is { IsRunning: true } && !IsFinalStatus(instance.SerializedCustomStatus))
            {
                // Another request already started the rerun (a new generation has not committed, or not a final status);
                // its event id makes this one a duplicate.
                await durable.RaiseEventAsync(record.Info.Id, ExecutionOrchestration.EventsName, events.ToArray(), cancellationToken);
                return;
            }

            if (instance is null or { IsRunning: false } || clock.GetUtcNow() > deadline)
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(
                    ExecutionOrchestration.Name, new ExecutionOrchestrationInput(record.State, events), new StartOrchestrationOptions(record.Info.Id), cancellationToken);
                LogRestarted(logger, record.Info.Id);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

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

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Execution {ExecutionId} runs again: a new orchestration generation started")]
    private static partial void LogRestarted(ILogger logger, string executionId);
}
