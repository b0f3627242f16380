using Faas.Serverless.Orchestrations.Executions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>The state an execution's orchestration starts from, and the events it applies first (a rerun's).</summary>
public sealed record ExecutionOrchestrationInput(ExecutionState State, IReadOnlyList<ExecutionEvent> Events);

/// <summary>
/// One Durable Task orchestration per execution (instance id = execution id), in Microsoft.DurableTask's model so
/// that the local host and the Functions app run the very same class. Every batch of events raised to it
/// (<see cref="EventsName"/>) is applied, in the order Durable Task delivers them, by <see cref="ApplyEventsActivity"/>
/// to the execution's record, and the orchestration goes on from the state that activity committed: it waits for
/// the next batch, or for the state's timer. Retry backoffs and termination graces are durable timers; attempt
/// timeouts are not (the runner enforces them), so no timer outlives a short wait.
/// </summary>
[DurableTask(Name)]
public sealed partial class ExecutionOrchestration : TaskOrchestrator<ExecutionOrchestrationInput, ExecutionStatus>
{
    public const string Name = "Execution";

    /// <summary>The external event every batch of <see cref="ExecutionEvent"/>s is raised as.</summary>
    public const string EventsName = "events";

    private const int ApplyRounds = 60;

    /// <summary>A storage outage outlasting an activity's own retries waits this long per round, for up to an hour.</summary>
    private static readonly TimeSpan ApplyPause = TimeSpan.FromMinutes(1);

    private static readonly TaskOptions ApplyRetry = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromMilliseconds(500), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30)));

    public override async Task<ExecutionStatus> RunAsync(TaskOrchestrationContext context, ExecutionOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<ExecutionOrchestration>();
        var state = input.State;
        IReadOnlyList<ExecutionEvent> batch = input.Events;

        // One outstanding wait at a time: a second WaitForExternalEvent would leave the first to swallow an event.
        Task<ExecutionEvent[]>? incoming = null;
        while (true)
        {
            state = await ApplyAsync(context, logger, state, batch);
            if (state.IsFinal)
            {
                return state.Status;
            }

            incoming ??= context.WaitForExternalEvent<ExecutionEvent[]>(EventsName);
            if (state.Timer is { } timer)
            {
                using var cancel = new CancellationTokenSource();
                var fired = context.CreateTimer(timer.DueAt.UtcDateTime, cancel.Token);
                if (await Task.WhenAny(incoming, fired) == fired)
                {
                    batch = [new ScheduleTimer(timer.Kind, timer.Attempt, timer.DueAt, timer.Sequence).ToEvent()];
                    continue;
                }

                cancel.Cancel();
            }

            batch = await incoming;
            incoming = null;
        }
    }

    /// <summary>
    /// The orchestration's copy of the state lacks only the progress written straight to the record, which no
    /// drop rule looks at: a batch it would drop whole (a redelivery, a stale attempt) costs no activity.
    /// </summary>
    private static async Task<ExecutionState> ApplyAsync(TaskOrchestrationContext context, ILogger logger, ExecutionState state, IReadOnlyList<ExecutionEvent> events)
    {
        var predicted = ExecutionOrchestrator.ApplyAll(state, events, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        if (predicted.IsDropped)
        {
            LogDropped(logger, state.Id, events.Count, predicted.Dropped ?? DropReasons.NoChange);
            return state;
        }

        for (var round = 1; ; round++)
        {
            try
            {
                var applied = await context.CallActivityAsync<ExecutionState>(ApplyEventsActivity.Name, new ExecutionEventBatch(state.Id, events), ApplyRetry);

                // Kept with the instance at no extra cost, for Durable Task tooling and GET .../orchestration.
                context.SetCustomStatus(applied.Status.ToWireName());
                return applied;
            }
            catch (TaskFailedException ex) when (round < ApplyRounds)
            {
                LogApplyFailed(logger, state.Id, round, ex.FailureDetails.ErrorMessage);
                await context.CreateTimer(ApplyPause, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Execution {ExecutionId} dropped a batch of {Count} events: {Reason}")]
    private static partial void LogDropped(ILogger logger, string executionId, int count, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Execution {ExecutionId} could not apply events (round {Round}): {Error}; trying again in a minute")]
    private static partial void LogApplyFailed(ILogger logger, string executionId, int round, string error);
}
