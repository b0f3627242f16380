using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Executions;

/// <summary>
/// The listing index: one partition per project, newest first (RowKey is the inverted creation time), with the
/// columns that listings filter on.
/// </summary>
public sealed partial class TableExecutionStore
{
    private readonly TableClient _index = tables.ExecutionIndex;
    private readonly TableClient _keys = tables.IdempotencyKeys;

    public Task UpdateIndexAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
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
        return StorageFailure.TranslateAsync(() => _index.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), "indexing an execution");
    }

    public Task<Page<ExecutionSummary>> ListAsync(ExecutionQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {query.ProjectId}");
        filter += query.To is { } to ? TableClient.CreateQueryFilter($" and RowKey ge {Inverted(to)}") : string.Empty;
        filter += query.From is { } from ? TableClient.CreateQueryFilter($" and RowKey le {Inverted(from) + "~"}") : string.Empty;
        filter += Equal("ServiceId", query.ServiceId) + Equal("Status", query.Status) + Equal("FunctionName", query.FunctionName) + Equal("TriggerId", query.TriggerId);
        return StorageFailure.TranslateAsync(() => TablePaging.ReadPageAsync(_index, filter, page, ToSummary, cancellationToken), "listing executions");
    }

    public Task<string?> ClaimIdempotencyKeyAsync(string projectId, string key, string executionId, CancellationToken cancellationToken = default)
    {
        var rowKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return StorageFailure.TranslateAsync(
            async () =>
            {
                try
                {
                    await _keys.AddEntityAsync(new TableEntity(projectId, rowKey) { ["ExecutionId"] = executionId }, cancellationToken);
                    return null;
                }
                catch (Azure.RequestFailedException ex) when (ex.IsConflict())
                {
                    var existing = await StoreErrors.GetAsync(_keys, projectId, rowKey, cancellationToken: cancellationToken);
                    return existing?.GetString("ExecutionId") ?? executionId;
                }
            },
            "claiming an idempotency key");
    }

    private static string Equal(string column, string? value) => value is null ? string.Empty : $" and {column} eq {TableClient.CreateQueryFilter($"{value}")}";

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
