using Azure;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Storage;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Stores.Executions;

/// <summary>Executions on Table storage (see <see cref="ExecutionRows"/>) with a per-project listing index.</summary>
public sealed partial class TableExecutionStore(StoreTables tables, IOptions<ExecutionLimitOptions> limits) : IExecutionStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.Executions;
    private readonly ExecutionRows _rows = new(tables.DocumentsOf(tables.Executions));
    private readonly long _maxLogBytes = limits.Value.MaxLogBytes;

    public Task<ExecutionRecord> CreateAsync(ExecutionInfo info, ExecutionState state, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var (instance, _) = await _rows.ToInstanceAsync(info, state, previous: null, cancellationToken);
                var history = await HistoryActionsAsync(info.Id, 0, entries, cancellationToken);
                try
                {
                    var results = await _table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, instance), .. history], cancellationToken);
                    return new ExecutionRecord(info, state, StoreErrors.ETagOf(results.Value[0]));
                }
                catch (RequestFailedException ex) when (ex.IsConflict())
                {
                    throw new ConflictException($"Execution '{info.Id}' already exists.");
                }
            },
            "creating an execution");

    public Task<ExecutionRecord?> GetAsync(string executionId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, executionId, ExecutionRows.Instance, cancellationToken: cancellationToken) is { } entity
                ? await _rows.FromInstanceAsync(entity, cancellationToken)
                : null,
            "reading an execution");

    public Task<ExecutionRecord> CommitAsync(ExecutionRecord current, ExecutionState state, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (entries.Count >= MaxBatch)
        {
            throw new ArgumentException($"One commit may append at most {MaxBatch - 1} status entries.", nameof(entries));
        }

        return StorageFailure.TranslateAsync(
            async () =>
            {
                var (instance, replaced) = await _rows.ToInstanceAsync(current.Info, state, current, cancellationToken);
                var history = await HistoryActionsAsync(current.Info.Id, current.State.HistoryCount, entries, cancellationToken);
                Response<IReadOnlyList<Response>> results;
                try
                {
                    var etag = StoreErrors.ToETag(current.ETag, $"Execution '{current.Info.Id}'");
                    results = await _table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpdateReplace, instance, etag), .. history], cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsConflict() || ex.IsNotFound())
                {
                    throw new PreconditionFailedException($"Execution '{current.Info.Id}' changed since it was read.");
                }

                await _rows.DeleteReplacedAsync(replaced, cancellationToken);
                return new ExecutionRecord(current.Info, state, StoreErrors.ETagOf(results.Value[0]));
            },
            "committing an execution");
    }

    public Task<IReadOnlyList<StatusEntry>> GetHistoryAsync(string executionId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<StatusEntry>>(
            async () =>
            {
                var entries = new List<StatusEntry>();
                var filter = TablePaging.PartitionRowKeyStartsWith(executionId, ExecutionRows.HistoryPrefix);
                await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                {
                    // History rows are written once and never replaced, so their blobs do not go away under a reader.
                    entries.Add(await _rows.FromHistoryAsync(entity, cancellationToken) ?? throw new InvalidDataException($"Status entry {entity.RowKey} of execution '{executionId}' vanished."));
                }

                return entries;
            },
            "reading an execution's history");

    public Task<(IReadOnlyList<ExecutionLogLine> Lines, string? Cursor)> ReadLogsAsync(string executionId, string? after, int maxLines, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<(IReadOnlyList<ExecutionLogLine>, string?)>(
            async () =>
            {
                var lower = after is { Length: > 0 } && after.StartsWith(ExecutionRows.LogPrefix, StringComparison.Ordinal) ? after : ExecutionRows.LogPrefix;
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {executionId} and RowKey gt {lower} and RowKey lt {"m"}");
                var lines = new List<ExecutionLogLine>();
                var cursor = after;
                await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxLines, cancellationToken: cancellationToken).AsPages(pageSizeHint: maxLines))
                {
                    lines.AddRange(page.Values.Select(ExecutionRows.FromLog));
                    cursor = page.Values.Count > 0 ? page.Values[^1].RowKey : after;
                    break;
                }

                return (lines, cursor);
            },
            "reading an execution's logs");

    private async Task<List<TableTransactionAction>> HistoryActionsAsync(string executionId, int firstSequence, IReadOnlyList<StatusEntry> entries, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(entries.Count);
        for (var index = 0; index < entries.Count; index++)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, await _rows.ToHistoryAsync(executionId, firstSequence + index, entries[index], cancellationToken)));
        }

        return actions;
    }
}
