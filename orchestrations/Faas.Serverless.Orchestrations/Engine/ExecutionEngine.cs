using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Runs the orchestration durably. Every change reads the instance (from a short-lived cache when this host
/// wrote it last), applies events with <see cref="ExecutionOrchestrator"/>, performs the outbound sends, then
/// commits state and history in one ETag-guarded transaction; a concurrent writer makes it re-read and retry.
/// </summary>
/// <summary>Where a dispatched attempt stands against the committed state of its execution.</summary>
public enum AttemptStanding
{
    /// <summary>Wanted: run it (or keep running it).</summary>
    Active,

    /// <summary>Not committed yet (the execution, or its move to this attempt, is still being written).</summary>
    Pending,

    /// <summary>Superseded, finished or being terminated: nobody should run it.</summary>
    Stale,
}

public sealed partial class ExecutionEngine(
    IExecutionStore store,
    ServiceWorkQueues work,
    ControlQueues control,
    ExecutionWaiters waiters,
    IExecutionPayloadStore payloads,
    IOptions<ExecutionLimitOptions> limits,
    IMemoryCache cache,
    TimeProvider clock,
    ILogger<ExecutionEngine> logger) : IExecutionTermination
{
    private const int MaxConflictRetries = 20;
    private const int MaxEntriesPerCommit = 90;
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private readonly OutputOffloader _outputs = new(payloads, limits.Value);

    public async Task<ExecutionRecord> StartAsync(ExecutionInfo info, ExecutionPolicy policy, CancellationToken cancellationToken = default)
    {
        var decision = ExecutionOrchestrator.Apply(null, new ExecutionCreated("created", info.Id, policy), clock.GetUtcNow());
        if (decision.IsDropped)
        {
            throw new InvalidOperationException($"The orchestration refused to create execution {info.Id}: {decision.Dropped}.");
        }

        var timer = await PerformSendsAsync(info, decision.State, null, decision.Commands, cancellationToken);
        var record = await store.CreateAsync(info, decision.State, decision.Entries, timer, cancellationToken);
        Remember(record);
        work.WakeLessees(info.ServiceId);
        await store.UpdateIndexAsync(record, cancellationToken);
        return record;
    }

    public async Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default) =>
        cache.TryGetValue(CacheKey(executionId), out ExecutionRecord? cached) ? cached : await store.GetAsync(executionId, cancellationToken);

    /// <summary>Reads the stored execution, bypassing (and refreshing) this host's cache.</summary>
    public async Task<ExecutionRecord?> ReadAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var record = await store.GetAsync(executionId, cancellationToken);
        if (record is not null)
        {
            Remember(record);
        }

        return record;
    }

    /// <summary>Applies events in order; returns the execution as committed, or null when it does not exist.</summary>
    public async Task<ExecutionRecord?> ApplyAsync(string executionId, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default)
    {
        ExecutionRecord? record = null;
        events = await _outputs.ApplyAsync(executionId, events, cancellationToken);
        foreach (var chunk in events.Chunk(MaxEntriesPerCommit / 2))
        {
            record = await ApplyChunkAsync(executionId, chunk, cancellationToken);
            if (record is null)
            {
                return null;
            }
        }

        return record ?? await GetAsync(executionId, cancellationToken);
    }

    public async Task<bool> IsRequestedAsync(string executionId, int attempt, CancellationToken cancellationToken = default) =>
        await GetStandingAsync(executionId, attempt, cancellationToken) == AttemptStanding.Stale;

    /// <summary>
    /// Whether a runner should run (or keep running) <paramref name="attempt"/>. Work is sent before the state that
    /// wants it is committed, so an attempt the stored state has not reached yet is <see cref="AttemptStanding.Pending"/>,
    /// not stale. A "no" from the cache is confirmed from storage, since another host may have moved the execution on.
    /// </summary>
    public async Task<AttemptStanding> GetStandingAsync(string executionId, int attempt, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey(executionId), out ExecutionRecord? cached) && cached!.State.IsActiveAttempt(attempt))
        {
            return AttemptStanding.Active;
        }

        var record = await ReadAsync(executionId, cancellationToken);
        return record is null || attempt > record.State.Attempt ? AttemptStanding.Pending
            : record.State.IsActiveAttempt(attempt) ? AttemptStanding.Active
            : AttemptStanding.Stale;
    }

    private async Task<ExecutionRecord?> ApplyChunkAsync(string executionId, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await GetAsync(executionId, cancellationToken);
            if (record is null)
            {
                return null;
            }

            var (state, entries, commands) = Decide(record, events);
            if (state is null)
            {
                return record;
            }

            var timer = await PerformSendsAsync(record.Info, state, record.Timer, commands, cancellationToken);
            try
            {
                var committed = await store.CommitAsync(record, state, entries, timer, cancellationToken);
                Remember(committed);
                await AfterCommitAsync(record, committed, commands, cancellationToken);
                return committed;
            }
            catch (PreconditionFailedException) when (attempt < MaxConflictRetries)
            {
                cache.Remove(CacheKey(executionId));
                if (timer is not null && timer != record.Timer)
                {
                    await control.CancelAsync(timer, cancellationToken);
                }

                LogConflict(logger, executionId, attempt);
            }
        }
    }

    private (ExecutionState? State, List<StatusEntry> Entries, List<ExecutionCommand> Commands) Decide(ExecutionRecord record, IReadOnlyList<ExecutionEvent> events)
    {
        var state = record.State;
        var entries = new List<StatusEntry>();
        var commands = new List<ExecutionCommand>();
        var accepted = false;
        foreach (var evt in events)
        {
            var decision = ExecutionOrchestrator.Apply(state, evt, clock.GetUtcNow());
            if (decision.IsDropped)
            {
                LogDropped(logger, record.Info.Id, evt.GetType().Name, decision.Dropped ?? "no state");
                continue;
            }

            accepted = true;
            state = decision.State;
            entries.AddRange(decision.Entries);
            commands.AddRange(decision.Commands);
        }

        return (accepted ? state : null, entries, commands);
    }

    /// <summary>
    /// Sends happen before the commit (a crash in between leaves a duplicate at worst, which the lease check and
    /// the orchestration drop); the returned timer message is the one the committed state will point at.
    /// </summary>
    /// <remarks>
    /// Only the timer the decided state waits on is sent. One set and cancelled by the same decision (a call whose
    /// <c>started</c> and <c>succeeded</c> arrive in one post, as fast calls' do) would otherwise sit on the control
    /// queue until its due time, up to the execution timeout, pointed at by no state and so never deleted.
    /// </remarks>
    private async Task<TimerMessage?> PerformSendsAsync(ExecutionInfo info, ExecutionState state, TimerMessage? timer, IReadOnlyList<ExecutionCommand> commands, CancellationToken cancellationToken)
    {
        TimerMessage? scheduled = null;
        foreach (var command in commands)
        {
            switch (command)
            {
                case DispatchAttempt dispatch:
                    await work.EnqueueAsync(WorkItems.For(info, dispatch.Attempt, state.Policy.TimeoutSeconds), cancellationToken);
                    break;
                case ScheduleTimer schedule when schedule.Sequence == state.Timer?.Sequence:
                    scheduled = await control.ScheduleAsync(new ControlMessage(info.Id, schedule.ToEvent(), schedule.DueAt), cancellationToken);
                    break;
            }
        }

        return state.Timer is null ? null : scheduled ?? timer;
    }

    private async Task AfterCommitAsync(ExecutionRecord before, ExecutionRecord after, IReadOnlyList<ExecutionCommand> commands, CancellationToken cancellationToken)
    {
        if (before.Timer is { } old && old != after.Timer)
        {
            await control.CancelAsync(old, cancellationToken);
        }

        if (before.State.Status != after.State.Status || before.State.Attempts != after.State.Attempts)
        {
            await store.UpdateIndexAsync(after, cancellationToken);
        }

        if (commands.OfType<DispatchAttempt>().Any())
        {
            work.WakeLessees(after.Info.ServiceId);
        }

        if (commands.OfType<NotifyFinished>().Any())
        {
            waiters.Notify(after.Info.Id);
        }
    }

    private void Remember(ExecutionRecord record) => cache.Set(CacheKey(record.Info.Id), record, CacheLifetime);

    private static string CacheKey(string executionId) => "execution:" + executionId;

    [LoggerMessage(EventId = 3000, Level = LogLevel.Debug, Message = "Execution {ExecutionId} dropped {EventType}: {Reason}")]
    private static partial void LogDropped(ILogger logger, string executionId, string eventType, string reason);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Execution {ExecutionId} changed concurrently; re-applying (try {Attempt})")]
    private static partial void LogConflict(ILogger logger, string executionId, int attempt);
}
