using Faas.Serverless.Orchestrations.Executions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>The state an execution's orchestration starts from, and the events it applies first (a rerun's).</summary>
public sealed record ExecutionOrchestrationInput(ExecutionState State, IReadOnlyList<ExecutionEvent> Events);

/// <summary>
/// One Durable Task orchestration per execution (instance id = execution id), in Microsoft.DurableTask's model so
/// that the local host and the Functions app run the very same class. It owns the execution's state: every
/// batch of events raised to it (<see cref="EventsName"/>) goes through <see cref="ExecutionOrchestrator.ApplyAll"/>
/// at the orchestration's replay-safe clock, and each accepted decision is committed, with its sends, by
/// <see cref="CommitDecisionActivity"/>. Retry backoffs and termination graces are durable timers; attempt
/// timeouts are not (the runner enforces them), so no timer outlives a short wait.
/// </summary>
[DurableTask(Name)]
public sealed partial class ExecutionOrchestration : TaskOrchestrator<ExecutionOrchestrationInput, ExecutionStatus>
{
    public const string Name = "Execution";

    /// <summary>The external event every batch of <see cref="ExecutionEvent"/>s is raised as.</summary>
    public const string EventsName = "events";

    /// <summary>A storage outage outlasting a commit's own retries waits this long per round, for up to an hour.</summary>
    private static readonly TimeSpan CommitPause = TimeSpan.FromMinutes(1);
    private const int CommitRounds = 60;

    private static readonly TaskOptions CommitRetry = TaskOptions.FromRetryPolicy(
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

    private static async Task<ExecutionState> ApplyAsync(TaskOrchestrationContext context, ILogger logger, ExecutionState state, IReadOnlyList<ExecutionEvent> events)
    {
        var decision = ExecutionOrchestrator.ApplyAll(state, events, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero));
        if (decision.IsDropped)
        {
            LogDropped(logger, state.Id, events.Count, decision.Dropped ?? DropReasons.NoChange);
            return state;
        }

        var commit = new DecisionCommit(decision.State, decision.Entries, decision.Commands);
        for (var round = 1; ; round++)
        {
            try
            {
                await context.CallActivityAsync(CommitDecisionActivity.Name, commit, CommitRetry);

                // Kept with the instance at no extra cost: a rerun tells a finishing generation from a running one by it.
                context.SetCustomStatus(decision.State.Status.ToWireName());
                return decision.State;
            }
            catch (TaskFailedException ex) when (round < CommitRounds)
            {
                LogCommitFailed(logger, state.Id, round, ex.FailureDetails.ErrorMessage);
                await context.CreateTimer(CommitPause, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Execution {ExecutionId} dropped a batch of {Count} events: {Reason}")]
    private static partial void LogDropped(ILogger logger, string executionId, int count, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Execution {ExecutionId} could not commit a decision (round {Round}): {Error}; trying again in a minute")]
    private static partial void LogCommitFailed(ILogger logger, string executionId, int round, string error);
}
