using System.Text.Json;
using Azure.Storage.Queues;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Tests.Executions;
using Faas.Serverless.Orchestrations.Tests.Work;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Engine;

/// <summary>
/// How a decision of the orchestration lands on a record that progress also writes (RecordMerge, seen through
/// <see cref="ExecutionCommitter.CommitAsync"/>). The orchestration never sees progress that went straight to the
/// record, so its state lags the record's: percentage, last message, history count and remembered event ids.
/// </summary>
public sealed class CommitMergeTests : IDisposable
{
    private const string Id = "exec-1";
    private readonly MemoryExecutionStore _store = new();
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly ExecutionCommitter _committer;

    public CommitMergeTests()
    {
        // No decision here dispatches work, so the queues are never reached.
        var work = new ServiceWorkQueues(
            new QueueServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")), new WorkSignals(), new MemoryPayloadStore(), Options.Create(new QueueOptions()), TimeProvider.System);
        _committer = new ExecutionCommitter(_store, new ExecutionRecords(_store, _cache), work, new ExecutionWaiters(), NullLogger<ExecutionCommitter>.Instance);
    }

    [Fact]
    public async Task CommitAsync_TerminateOfAttemptWithDirectProgress_KeepsRecordsPercentAndTakesDecisionsMessage()
    {
        var orchestration = await StartedAsync();
        await ProgressDirectlyAsync(orchestration.Now, new ProgressReported("p-1", 1, "inProgress", 40, "loading"));
        orchestration.Advance(5);
        var decision = orchestration.Accept(orchestration.Terminate());

        await CommitAsync(decision);

        Assert.Null(decision.State!.PercentComplete);
        await AssertStoredAsync(
            decision.State with { PercentComplete = 40, HistoryCount = 4, RecentEventIds = ["evt-1", "evt-2", "p-1", "evt-3"] },
            ["created", "in-progress", "in-progress", "in-progress"]);
    }

    [Fact]
    public async Task CommitAsync_SuccessWithoutMessageAfterDirectProgress_KeepsRecordsLastMessage()
    {
        var orchestration = await StartedAsync();
        await ProgressDirectlyAsync(orchestration.Now, new ProgressReported("p-1", 1, "inProgress", 40, "loading"));
        var decision = orchestration.Accept(orchestration.Succeeded());

        await CommitAsync(decision);

        Assert.Equal("attempt 1 of 3 started", decision.State!.LastMessage);
        var stored = await AssertStoredAsync(
            decision.State with { LastMessage = "loading", HistoryCount = 4, RecentEventIds = ["evt-1", "evt-2", "p-1", "evt-3"] },
            ["created", "in-progress", "in-progress", "success"]);
        Assert.Equal(100, stored.PercentComplete);
        Assert.Equal(ExecutionStatus.Success, _store.Indexed(Id)!.State.Status);
    }

    [Fact]
    public async Task CommitAsync_RetryAfterDirectProgress_TakesDecisionsClearedPercentAndMessage()
    {
        var orchestration = await StartedAsync();
        await ProgressDirectlyAsync(orchestration.Now, new ProgressReported("p-1", 1, "inProgress", 40, "loading"), new ProgressReported("p-2", 1, "inProgress", 60, null));
        var decision = orchestration.Accept(orchestration.Failed());

        await CommitAsync(decision);

        await AssertStoredAsync(
            decision.State! with { HistoryCount = 6, RecentEventIds = ["evt-1", "evt-2", "p-1", "p-2", "evt-3"] },
            ["created", "in-progress", "in-progress", "in-progress", "failed", "created"]);
    }

    [Fact]
    public async Task CommitAsync_RecordRemembersMaxEventIds_DropsOldestAndAppendsDecisionsNewest()
    {
        var orchestration = await StartedAsync();
        var progress = Enumerable.Range(1, ExecutionOrchestrator.RememberedEventIds - 2)
            .Select(i => new ProgressReported($"p-{i}", 1, "inProgress", null, $"step {i}"))
            .ToArray();
        await ProgressDirectlyAsync(orchestration.Now, progress);
        var decision = orchestration.Accept(orchestration.Terminate());

        await CommitAsync(decision);

        var stored = await AssertStoredAsync(
            decision.State! with
            {
                HistoryCount = 2 + progress.Length + 1,
                RecentEventIds = ["evt-2", .. progress.Select(p => p.EventId), "evt-3"],
            },
            ["created", "in-progress", .. progress.Select(_ => "in-progress"), "in-progress"]);
        Assert.Equal(ExecutionOrchestrator.RememberedEventIds, stored.RecentEventIds.Count);
    }

    [Fact]
    public async Task CommitAsync_SameDecisionTwice_LandsOnce()
    {
        var orchestration = await StartedAsync();
        await ProgressDirectlyAsync(orchestration.Now, new ProgressReported("p-1", 1, "inProgress", 40, "loading"));
        var decision = orchestration.Accept(orchestration.Terminate());

        await CommitAsync(decision);
        await CommitAsync(decision);

        await AssertStoredAsync(
            decision.State! with { PercentComplete = 40, HistoryCount = 4, RecentEventIds = ["evt-1", "evt-2", "p-1", "evt-3"] },
            ["created", "in-progress", "in-progress", "in-progress"]);
    }

    [Fact]
    public async Task CommitAsync_ProgressLandsWhileCommitting_MergesWithRecordAsReread()
    {
        var orchestration = await StartedAsync();
        var decision = orchestration.Accept(orchestration.Terminate());
        _store.BeforeNextCommit = () => ProgressDirectlyAsync(orchestration.Now, new ProgressReported("p-1", 1, "inProgress", 40, "loading"));

        await CommitAsync(decision);

        Assert.Equal(1, _store.PreconditionFailures);
        await AssertStoredAsync(
            decision.State! with { PercentComplete = 40, HistoryCount = 4, RecentEventIds = ["evt-1", "evt-2", "p-1", "evt-3"] },
            ["created", "in-progress", "in-progress", "in-progress"]);
    }

    public void Dispose() => _cache.Dispose();

    /// <summary>The orchestration's view after creation and start, with a record that took both.</summary>
    private async Task<Scenario> StartedAsync()
    {
        var orchestration = new Scenario().Start();
        var info = new ExecutionInfo(
            Id, "project", "service", "svc", 1, "package", "pkg", 1, "run", new Dictionary<string, JsonElement>(), "alice", null, null, Scenario.T0);
        await _store.CreateAsync(info, orchestration.State, orchestration.History);
        return orchestration;
    }

    /// <summary>Progress of the running attempt as the engine writes it: straight to the record, never to the orchestration.</summary>
    private Task<ExecutionRecord?> ProgressDirectlyAsync(DateTimeOffset now, params ProgressReported[] progress) =>
        _committer.ChangeAsync(Id, stored =>
        {
            var decision = ExecutionOrchestrator.ApplyAll(stored.State, progress, now);
            return decision.IsDropped ? null : new RecordChange(decision.State, decision.Entries);
        });

    private Task CommitAsync(Decision decision) =>
        _committer.CommitAsync(new DecisionCommit(decision.State!, decision.Entries, decision.Commands));

    /// <summary>Asserts the stored state, field by field, and the statuses of its whole history.</summary>
    private async Task<ExecutionState> AssertStoredAsync(ExecutionState expected, string[] statuses)
    {
        var stored = (await _store.GetAsync(Id))!.State;
        var history = await _store.GetHistoryAsync(Id);
        Assert.Equal(Json.Serialize(expected), Json.Serialize(stored));
        Assert.Equal(statuses, history.Select(e => e.Status));
        Assert.Equal(history.Count, stored.HistoryCount);
        return stored;
    }
}
