using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Engine;

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

/// <summary>
/// The platform's side of executions. Starting one writes its record and its first work item; events go to its
/// <see cref="ExecutionOrchestration"/> (the first ones create the instance), except progress on a running attempt,
/// which goes straight to the record (there is a lot of it, and replays must stay cheap). Reads come from the
/// record, which the orchestration's activity keeps current, and a sender is answered only once the record shows
/// its events.
/// </summary>
public sealed partial class ExecutionEngine(
    DurableTaskClient durable,
    ExecutionRecords records,
    ExecutionCommitter committer,
    IExecutionStore store,
    ServiceWorkQueues work,
    ExecutionWaiters waiters,
    IExecutionPayloadStore payloads,
    IOptions<ExecutionLimitOptions> limits,
    TimeProvider clock,
    ILogger<ExecutionEngine> logger) : IExecutionTermination
{
    /// <summary>How long <see cref="ApplyAsync"/> waits for the orchestration to commit what it was sent.</summary>
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The same for <see cref="SendAsync"/>: 5 s, or a third of a runner's lease if that is shorter, since a runner
    /// renews no lease while its post is unanswered, and the other results in that post wait with it.
    /// </summary>
    private readonly TimeSpan _runnerCommitWait = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks, work.LeaseDuration.Ticks / 3));
    private static readonly TimeSpan CommitPoll = TimeSpan.FromMilliseconds(250);
    private const string CreatedEventId = "created";
    private readonly OutputOffloader _outputs = new(payloads, limits.Value);

    /// <summary>
    /// Writes the record, then queues the first attempt. The orchestration instance is created by the first event
    /// (<see cref="SendAsync"/>), usually the runner's report: until then nothing can happen to the execution that
    /// its queued work item does not already hold durably, and the start of a fast call costs Durable Task one
    /// episode fewer.
    /// </summary>
    public async Task<ExecutionRecord> StartAsync(ExecutionInfo info, ExecutionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        var decision = ExecutionOrchestrator.Apply(null, new ExecutionCreated(CreatedEventId, info.Id, policy), clock.GetUtcNow());
        if (decision.IsDropped)
        {
            throw new InvalidOperationException($"The orchestration refused to create execution {info.Id}: {decision.Dropped}.");
        }

        var record = await store.CreateAsync(info, decision.State, decision.Entries, cancellationToken);
        records.Remember(record);
        foreach (var dispatch in decision.Commands.OfType<DispatchAttempt>())
        {
            await work.EnqueueAsync(WorkItems.For(info, dispatch.Attempt, policy.TimeoutSeconds), cancellationToken);
        }

        work.WakeLessees(info.ServiceId);
        await store.UpdateIndexAsync(record, cancellationToken);
        return record;
    }

    public Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default) => records.GetAsync(executionId, cancellationToken);

    /// <summary>Reads the stored execution, bypassing (and refreshing) this host's cache.</summary>
    public Task<ExecutionRecord?> ReadAsync(string executionId, CancellationToken cancellationToken = default) => records.ReadAsync(executionId, cancellationToken);

    /// <summary>
    /// Sends events and returns once the record shows them applied, or no longer needing them (duplicates, a stale
    /// attempt, a finished execution): only then may the sender forget them. Returns the execution as then stored, or
    /// null when it does not exist. Throws <see cref="NotAppliedYetException"/> after 10 s without that, so the
    /// sender (an API client) sends them again: Durable Task drops an event raised to an instance whose first episode
    /// died with its host, and only a resend recovers it.
    /// </summary>
    public Task<ExecutionRecord?> ApplyAsync(string executionId, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default) =>
        SendAsync(executionId, events, CommitWait, cancellationToken);

    /// <summary>
    /// <see cref="ApplyAsync"/> for runners' events, waiting 5 s at most, and at most a third of a lease, before
    /// <see cref="NotAppliedYetException"/>.
    /// </summary>
    public Task<ExecutionRecord?> SendAsync(string executionId, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken = default) =>
        SendAsync(executionId, events, _runnerCommitWait, cancellationToken);

    private async Task<ExecutionRecord?> SendAsync(string executionId, IReadOnlyList<ExecutionEvent> events, TimeSpan commitWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var record = await records.GetAsync(executionId, cancellationToken);
        if (record is not null && IsSettled(record, events))
        {
            // A "nothing to do" from this host's cache is confirmed from storage: another host may have moved the execution on.
            record = await records.ReadAsync(executionId, cancellationToken);
        }

        if (record is null || IsSettled(record, events))
        {
            return record;
        }

        events = await _outputs.ApplyAsync(executionId, events, cancellationToken);
        var direct = DirectProgress(record.State, events);
        if (direct.Count > 0)
        {
            record = await committer.ApplyAsync(executionId, direct, cancellationToken) ?? record;
            events = events.Skip(direct.Count).ToArray();
        }

        if (events.Count == 0)
        {
            return record;
        }

        var deadline = clock.GetUtcNow() + commitWait;
        await RaiseAsync(record, events, deadline, cancellationToken);
        return await WaitUntilSettledAsync(executionId, events, deadline, commitWait, cancellationToken);
    }

    public async Task<bool> IsRequestedAsync(string executionId, int attempt, CancellationToken cancellationToken = default) =>
        await GetStandingAsync(executionId, attempt, cancellationToken) == AttemptStanding.Stale;

    /// <summary>
    /// Whether a runner should run (or keep running) <paramref name="attempt"/>. Work is sent before the record that
    /// wants it is committed, so an attempt the record has not reached yet is <see cref="AttemptStanding.Pending"/>,
    /// not stale. A "no" from the cache is confirmed from storage, since another host may have moved the execution on.
    /// </summary>
    public async Task<AttemptStanding> GetStandingAsync(string executionId, int attempt, CancellationToken cancellationToken = default)
    {
        if (await records.GetAsync(executionId, cancellationToken) is { } cached && cached.State.IsActiveAttempt(attempt))
        {
            return AttemptStanding.Active;
        }

        var record = await records.ReadAsync(executionId, cancellationToken);
        return record is null || attempt > record.State.Attempt ? AttemptStanding.Pending
            : record.State.IsActiveAttempt(attempt) ? AttemptStanding.Active
            : AttemptStanding.Stale;
    }

    /// <summary>The leading progress reports of a running attempt: the record takes them without the orchestration.</summary>
    private static List<ExecutionEvent> DirectProgress(ExecutionState state, IReadOnlyList<ExecutionEvent> events) =>
        state.Phase == ExecutionPhase.Running
            ? [.. events.TakeWhile(e => e is ProgressReported progress && progress.Attempt == state.Attempt)]
            : [];
}
