using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Stores.Executions;

/// <summary>
/// The listing index: one partition per project, newest first (RowKey is the inverted creation time), with the
/// columns that listings filter on.
/// </summary>
public sealed partial class TableExecutionStore
{
    private readonly TableClient _index = tables.ExecutionIndex;
    private readonly TableClient _keys = tables.IdempotencyKeys;

    public async Task UpdateIndexAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        var info = record.Info;
        var entity = new TableEntity(info.ProjectId, IndexKey(info.CreatedAt, info.Id))
        {
            ["ExecutionId"] = info.Id,
            ["ServiceId"] = info.ServiceId,
            ["ServiceName"] = info.ServiceName,
            ["FunctionName"] = info.FunctionName,
            ["TriggerId"] = info.TriggerId ?? string.Empty,
            ["Status"] = record.State.Status.ToWireName(),
            ["Attempts"] = record.State.Attempts,
            ["CreatedAt"] = info.CreatedAt,
            ["UpdatedAt"] = record.State.UpdatedAt,
        };
        await _index.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public Task<Page<ExecutionSummary>> ListAsync(ExecutionQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Format($"PartitionKey eq {query.ProjectId}");
        filter += query.To is { } to ? TableFilter.Format($" and RowKey ge {Inverted(to)}") : string.Empty;
        filter += query.From is { } from ? TableFilter.Format($" and RowKey le {Inverted(from) + "~"}") : string.Empty;
        filter += Equal("ServiceId", query.ServiceId) + Equal("Status", query.Status) + Equal("FunctionName", query.FunctionName) + Equal("TriggerId", query.TriggerId);
        return TablePaging.ReadPageAsync(_index, filter, page, ToSummary, cancellationToken);
    }

    public async Task<string?> ClaimIdempotencyKeyAsync(string projectId, string key, string executionId, CancellationToken cancellationToken = default)
    {
        var rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        try
        {
            await _keys.AddEntityAsync(new TableEntity(projectId, rowKey) { ["ExecutionId"] = executionId }, cancellationToken);
            return null;
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            var existing = await _keys.GetEntityAsync(projectId, rowKey, cancellationToken: cancellationToken);
            return existing?.GetString("ExecutionId") ?? executionId;
        }
    }

    private static string Equal(string column, string? value) => value is null ? string.Empty : $" and {column} eq {TableFilter.Quote(value)}";

    private static string IndexKey(DateTimeOffset createdAt, string id) => $"{Inverted(createdAt)}|{id}";

    private static string Inverted(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static ExecutionSummary ToSummary(TableEntity entity) => new(
        entity.GetString("ExecutionId") ?? string.Empty,
        entity.PartitionKey,
        entity.GetString("ServiceId") ?? string.Empty,
        entity.GetString("ServiceName") ?? string.Empty,
        entity.GetString("FunctionName") ?? string.Empty,
        entity.GetString("TriggerId") is { Length: > 0 } trigger ? trigger : null,
        entity.GetString("Status") ?? ExecutionStatus.Created.ToWireName(),
        entity.GetInt32("Attempts") ?? 0,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue);
}
