using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Triggers;

/// <summary>
/// Once records, one partition per trigger; the row key is a hash of the resource id, since ids may hold characters
/// that row keys refuse. An insert either creates the record or meets the one that is there: that is the whole
/// guarantee, whatever number of hosts handle events for the same resource at once.
/// </summary>
public sealed class TableTriggerOnceStore(StoreTables tables) : ITriggerOnceStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.TriggerOnce;

    public Task<string> ClaimAsync(string triggerId, string resourceId, string eventId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ClaimOnceAsync(triggerId, resourceId, eventId, cancellationToken), "claiming a trigger resource");

    public Task ReleaseAsync(string triggerId, string resourceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => StoreErrors.DeleteIfExistsAsync(_table, triggerId, RowKey(resourceId), cancellationToken), "releasing a trigger resource");

    public Task DeleteAllAsync(string triggerId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var keys = new List<string>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {triggerId}"), select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    keys.Add(entity.RowKey);
                }

                foreach (var batch in keys.Chunk(MaxBatch))
                {
                    await _table.SubmitTransactionAsync([.. batch.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(triggerId, key)))], cancellationToken);
                }
            },
            "deleting a trigger's once records");

    private async Task<string> ClaimOnceAsync(string triggerId, string resourceId, string eventId, CancellationToken cancellationToken)
    {
        var rowKey = RowKey(resourceId);
        try
        {
            await _table.AddEntityAsync(new TableEntity(triggerId, rowKey) { ["ResourceId"] = resourceId, ["EventId"] = eventId }, cancellationToken);
            return eventId;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            var existing = await StoreErrors.GetAsync(_table, triggerId, rowKey, cancellationToken: cancellationToken);

            // Released between our insert and this read: the resource is free again, so claim it anew.
            return existing?.GetString("EventId") ?? await ClaimOnceAsync(triggerId, resourceId, eventId, cancellationToken);
        }
    }

    private static string RowKey(string resourceId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resourceId)));
}
