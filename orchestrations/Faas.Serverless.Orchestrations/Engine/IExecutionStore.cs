using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// The durable side of executions: one instance row per execution and its append-only status history,
/// committed together against the instance row's ETag.
/// </summary>
public interface IExecutionStore
{
    /// <summary>Writes the instance row and its first entries; an existing id gets a <see cref="ConflictException"/>.</summary>
    Task<ExecutionRecord> CreateAsync(ExecutionInfo info, ExecutionState state, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken = default);

    Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the state and appends <paramref name="entries"/> (numbered from the current history count) in one
    /// transaction; a stale <see cref="ExecutionRecord.ETag"/> gets a <see cref="PreconditionFailedException"/>.
    /// </summary>
    Task<ExecutionRecord> CommitAsync(ExecutionRecord current, ExecutionState state, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StatusEntry>> GetHistoryAsync(string executionId, CancellationToken cancellationToken = default);

    /// <summary>Keeps the listing row in step with the execution; last writer wins, which is the newest state.</summary>
    Task UpdateIndexAsync(ExecutionRecord record, CancellationToken cancellationToken = default);

    Task<Page<ExecutionSummary>> ListAsync(ExecutionQuery query, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Binds an idempotency key to an execution id; returns the id it was already bound to, if any.</summary>
    Task<string?> ClaimIdempotencyKeyAsync(string projectId, string key, string executionId, CancellationToken cancellationToken = default);

    Task AppendLogsAsync(string executionId, IReadOnlyList<ExecutionLogLine> lines, CancellationToken cancellationToken = default);

    /// <summary>Log lines in order, after the opaque <paramref name="after"/> cursor; returns the next cursor.</summary>
    Task<(IReadOnlyList<ExecutionLogLine> Lines, string? Cursor)> ReadLogsAsync(string executionId, string? after, int maxLines, CancellationToken cancellationToken = default);
}
