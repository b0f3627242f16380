using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Stores.Executions;

/// <summary>Executions on Table storage (see <see cref="ExecutionRows"/>) with a per-project listing index.</summary>
public sealed partial class TableExecutionStore(StoreTables tables, IOptions<ExecutionLimitOptions> limits) : IExecutionStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.Executions;
    private readonly long _maxLogBytes = limits.Value.MaxLogBytes;

    public async Task<ExecutionRecord> CreateAsync(ExecutionInfo info, ExecutionState state, IReadOnlyList<StatusEntry> entries, TimerMessage? timer, CancellationToken cancellationToken = default)
    {
        var instance = ExecutionRows.ToInstance(info, state, timer);
        try
        {
            var results = await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, instance), .. HistoryActions(info.Id, 0, entries)],
                cancellationToken);
            return new ExecutionRecord(info, state, timer, results[0].ETag ?? string.Empty);
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            throw new ConflictException($"Execution '{info.Id}' already exists.");
        }
    }

    public async Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(executionId, ExecutionRows.Instance, cancellationToken: cancellationToken);
        return entity is null ? null : ExecutionRows.FromInstance(entity);
    }

    public async Task<ExecutionRecord> CommitAsync(ExecutionRecord current, ExecutionState state, IReadOnlyList<StatusEntry> entries, TimerMessage? timer, CancellationToken cancellationToken = default)
    {
        var instance = ExecutionRows.ToInstance(current.Info, state, timer);
        var history = HistoryActions(current.Info.Id, current.State.HistoryCount, entries);
        if (history.Count >= MaxBatch)
        {
            throw new ArgumentException($"One commit may append at most {MaxBatch - 1} status entries.", nameof(entries));
        }

        try
        {
            var results = await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, instance, current.ETag), .. history],
                cancellationToken);
            return new ExecutionRecord(current.Info, state, timer, results[0].ETag ?? string.Empty);
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsConflict || ex.IsNotFound)
        {
            throw new PreconditionFailedException($"Execution '{current.Info.Id}' changed since it was read.");
        }
    }

    public async Task<IReadOnlyList<StatusEntry>> GetHistoryAsync(string executionId, CancellationToken cancellationToken = default)
    {
        var entries = new List<StatusEntry>();
        await foreach (var entity in _table.QueryAsync(TablePaging.PartitionRowKeyStartsWith(executionId, ExecutionRows.HistoryPrefix), cancellationToken: cancellationToken))
        {
            entries.Add(ExecutionRows.FromHistory(entity));
        }

        return entries;
    }

    public async Task<(IReadOnlyList<ExecutionLogLine> Lines, string? Cursor)> ReadLogsAsync(string executionId, string? after, int maxLines, CancellationToken cancellationToken = default)
    {
        var lower = after is { Length: > 0 } && after.StartsWith(ExecutionRows.LogPrefix, StringComparison.Ordinal) ? after : ExecutionRows.LogPrefix;
        var filter = TableFilter.Format($"PartitionKey eq {executionId} and RowKey gt {lower} and RowKey lt {"m"}");
        var page = await _table.QueryPageAsync(filter, top: maxLines, cancellationToken: cancellationToken);
        var cursor = page.Entities.Count > 0 ? page.Entities[^1].RowKey : after;
        return ([.. page.Entities.Select(ExecutionRows.FromLog)], cursor);
    }

    private static List<TableTransactionAction> HistoryActions(string executionId, int firstSequence, IReadOnlyList<StatusEntry> entries) =>
        [.. entries.Select((entry, index) => new TableTransactionAction(TableTransactionActionType.Add, ExecutionRows.ToHistory(executionId, firstSequence + index, entry)))];
}
