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
/// The orchestration's batches (through its activity) and progress (straight from the host) both go through
/// <see cref="ExecutionCommitter.ApplyAsync"/>: the one state machine on the one stored state.
/// </summary>
public sealed class ExecutionCommitterTests : IDisposable
{
    private const string Id = "exec-1";
    private readonly MemoryExecutionStore _store = new();
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private readonly ExecutionCommitter _committer;
    private readonly Scenario _expected = new Scenario().Start();

    public ExecutionCommitterTests()
    {
        // No batch here dispatches work, so the queues are never reached.
        var work = new ServiceWorkQueues(
            new QueueServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")), new WorkSignals(), new MemoryPayloadStore(), Options.Create(new QueueOptions()), TimeProvider.System);
        _committer = new ExecutionCommitter(_store, new ExecutionRecords(_store, _cache), work, new ExecutionWaiters(), new FixedClock(Scenario.T0), NullLogger<ExecutionCommitter>.Instance);
    }

    [Fact]
    public async Task ApplyAsync_ProgressThenTerminateOfTheRunningAttempt_TerminationEntryCarriesTheProgress()
    {
        await CreateAsync();
        var progress = _expected.Progress(40, "loading");
        var terminate = _expected.Terminate();
        _expected.Accept(progress);
        _expected.Accept(terminate);

        await _committer.ApplyAsync(Id, [progress]);
        var record = await _committer.ApplyAsync(Id, [terminate]);

        await AssertStoredAsync(record);
        Assert.Equal(40, (await _store.GetHistoryAsync(Id))[^1].PercentComplete);
    }

    [Fact]
    public async Task ApplyAsync_SameBatchTwice_LandsOnce()
    {
        await CreateAsync();
        ExecutionEvent[] batch = [_expected.Progress(40, "loading"), _expected.Succeeded()];
        _expected.Accept(batch[0]);
        _expected.Accept(batch[1]);

        await _committer.ApplyAsync(Id, batch);
        var again = await _committer.ApplyAsync(Id, batch);

        await AssertStoredAsync(again);
        Assert.Equal(["created", "in-progress", "in-progress", "success"], (await _store.GetHistoryAsync(Id)).Select(e => e.Status));
    }

    [Fact]
    public async Task ApplyAsync_ProgressLandsWhileCommitting_ReappliesOnTheRecordAsReread()
    {
        await CreateAsync();
        var progress = _expected.Progress(40, "loading");
        var terminate = _expected.Terminate();
        _expected.Accept(progress);
        _expected.Accept(terminate);
        await _committer.ApplyAsync(Id, []);
        _store.BeforeNextCommit = async () => await _committer.ApplyAsync(Id, [progress]);

        var record = await _committer.ApplyAsync(Id, [terminate]);

        Assert.Equal(1, _store.PreconditionFailures);
        await AssertStoredAsync(record);
    }

    [Fact]
    public async Task ApplyAsync_UnknownExecution_ReturnsNull() =>
        Assert.Null(await _committer.ApplyAsync("missing", [_expected.Succeeded()]));

    public void Dispose() => _cache.Dispose();

    private async Task CreateAsync()
    {
        var info = new ExecutionInfo(Id, "project", "service", "svc", 1, "package", "pkg", 1, "run", new Dictionary<string, JsonElement>(), "alice", null, null, Scenario.T0);
        await _store.CreateAsync(info, _expected.State, _expected.History);
    }

    /// <summary>The stored state and history equal the scenario's, which applied the same events one by one.</summary>
    private async Task AssertStoredAsync(ExecutionRecord? returned)
    {
        var stored = (await _store.GetAsync(Id))!;
        Assert.Equal(JsonSerializer.Serialize(_expected.State), JsonSerializer.Serialize(stored.State));
        Assert.Equal(JsonSerializer.Serialize(stored.State), JsonSerializer.Serialize(returned!.State));
        Assert.Equal(JsonSerializer.Serialize(_expected.History), JsonSerializer.Serialize(await _store.GetHistoryAsync(Id)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
