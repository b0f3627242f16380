using System.Globalization;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Engine;

/// <summary>
/// Execution records and their history in memory, guarded by ETags like the table store, for tests of what
/// commits records. Listing, idempotency keys and logs are not part of committing and are not supported.
/// </summary>
internal sealed class MemoryExecutionStore : IExecutionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ExecutionRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StatusEntry>> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExecutionRecord> _index = new(StringComparer.Ordinal);
    private int _etag;

    /// <summary>Runs once, at the start of the next commit, as a writer racing it would.</summary>
    public Func<Task>? BeforeNextCommit { get; set; }

    /// <summary>Commits refused because their ETag was stale.</summary>
    public int PreconditionFailures { get; private set; }

    public ExecutionRecord? Indexed(string executionId)
    {
        lock (_lock)
        {
            return _index.GetValueOrDefault(executionId);
        }
    }

    public Task<ExecutionRecord> CreateAsync(ExecutionInfo info, ExecutionState state, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_records.ContainsKey(info.Id))
            {
                throw new ConflictException($"Execution '{info.Id}' exists.");
            }

            var record = new ExecutionRecord(info, state, NextETag());
            _records[info.Id] = record;
            _histories[info.Id] = [.. entries];
            return Task.FromResult(record);
        }
    }

    public Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_records.GetValueOrDefault(executionId));
        }
    }

    public async Task<ExecutionRecord> CommitAsync(ExecutionRecord current, ExecutionState state, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken = default)
    {
        if (BeforeNextCommit is { } racing)
        {
            BeforeNextCommit = null;
            await racing();
        }

        lock (_lock)
        {
            var id = current.Info.Id;
            if (!_records.TryGetValue(id, out var stored) || stored.ETag != current.ETag)
            {
                PreconditionFailures++;
                throw new PreconditionFailedException($"Execution '{id}' changed since it was read.");
            }

            var record = stored with { State = state, ETag = NextETag() };
            _records[id] = record;
            _histories[id].AddRange(entries);
            return record;
        }
    }

    public Task<IReadOnlyList<StatusEntry>> GetHistoryAsync(string executionId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StatusEntry>>(_histories.TryGetValue(executionId, out var history) ? [.. history] : []);
        }
    }

    public Task UpdateIndexAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _index[record.Info.Id] = record;
            return Task.CompletedTask;
        }
    }

    public Task<Page<ExecutionSummary>> ListAsync(ExecutionQuery query, PageRequest page, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Listing is not part of committing.");

    public Task<string?> ClaimIdempotencyKeyAsync(string projectId, string key, string executionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Idempotency keys are not part of committing.");

    public Task AppendLogsAsync(string executionId, IReadOnlyList<ExecutionLogLine> lines, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Logs are not part of committing.");

    public Task<(IReadOnlyList<ExecutionLogLine> Lines, string? Cursor)> ReadLogsAsync(string executionId, string? after, int maxLines, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Logs are not part of committing.");

    private string NextETag() => (++_etag).ToString(CultureInfo.InvariantCulture);
}
