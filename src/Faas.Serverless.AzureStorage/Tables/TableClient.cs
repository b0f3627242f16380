using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;
using Faas.Serverless.AzureStorage.Tables;

namespace Faas.Serverless.AzureStorage;

/// <summary>Entities of one table. Thread-safe; cheap to create.</summary>
public sealed class TableClient
{
    private readonly StoragePipeline _pipeline;

    internal TableClient(StoragePipeline pipeline, string name)
    {
        _pipeline = pipeline;
        Name = ResourceNames.Table(name);
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name });
        using var message = TableRequests.CreateWithBody(_pipeline, RequestMethod.Post, "/Tables", body);
        await _pipeline.SendToleratingAsync(message, 409, "TableAlreadyExists", cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = TableRequests.Create(_pipeline, RequestMethod.Delete, $"/Tables('{Name}')");
        await _pipeline.SendToleratingAsync(message, 404, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts a new entity and returns its ETag; an existing key fails with <see cref="StorageException.IsConflict"/>.</summary>
    public async Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = TableRequests.CreateWithBody(_pipeline, RequestMethod.Post, "/" + Name, TableEntityJson.Serialize(entity));
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return TableRequests.ETagOf(response);
    }

    /// <summary>
    /// Updates an existing entity if its ETag matches <paramref name="ifMatch"/> ("*" matches any) and returns the
    /// new ETag. A stale ETag fails with <see cref="StorageException.IsPreconditionFailed"/>, a missing entity with
    /// <see cref="StorageException.IsNotFound"/>.
    /// </summary>
    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return WriteEntityAsync(entity, ifMatch, mode, cancellationToken);
    }

    /// <summary>Inserts or updates the entity, whatever its current ETag, and returns the new ETag.</summary>
    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken cancellationToken = default) =>
        WriteEntityAsync(entity, null, mode, cancellationToken);

    public async Task DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = TableRequests.Create(_pipeline, RequestMethod.Delete, TableKeys.EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch);
        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    public async Task<TableEntity?> GetEntityAsync(
        string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = TableRequests.Create(_pipeline, RequestMethod.Get, TableKeys.EntityPath(Name, partitionKey, rowKey));
        TableQuery.ApplySelect(message.Request.Uri, select);
        var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        if (response.IsError)
        {
            throw await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        using var json = await JsonDocument.ParseAsync(response.ContentStream!, cancellationToken: cancellationToken).ConfigureAwait(false);
        var entity = TableEntityJson.Read(json.RootElement);
        entity.ETag = TableRequests.ETagOf(response);
        return entity;
    }

    /// <summary>
    /// One page of a query: at most <paramref name="top"/> entities (service maximum 1,000) and where the next
    /// page starts. A page may be empty and still have a continuation.
    /// </summary>
    public async Task<TablePage> QueryPageAsync(
        string? filter = null,
        IReadOnlyList<string>? select = null,
        int? top = null,
        TableContinuation? continuation = null,
        CancellationToken cancellationToken = default)
    {
        if (top is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(top));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000, nameof(top));
        }

        using var message = TableRequests.Create(_pipeline, RequestMethod.Get, $"/{Name}()");
        TableQuery.Apply(message.Request.Uri, filter, select, top, continuation);
        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(response.ContentStream!, cancellationToken: cancellationToken).ConfigureAwait(false);
        var entities = json.RootElement.GetProperty("value").EnumerateArray().Select(TableEntityJson.Read).ToList();
        return new TablePage(entities, TableQuery.ContinuationOf(response));
    }

    /// <summary>All entities matching the filter, fetched page by page (<paramref name="pageSize"/> up to 1,000).</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(
        string? filter = null,
        IReadOnlyList<string>? select = null,
        int? pageSize = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryPageAsync(filter, select, pageSize, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
    }

    /// <summary>
    /// Applies up to 100 operations on one partition atomically and returns one result per action. On failure
    /// nothing is applied and <see cref="TableTransactionFailedException"/> names the failing action.
    /// </summary>
    public Task<IReadOnlyList<TableTransactionResult>> SubmitTransactionAsync(
        IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
        TableBatch.SubmitAsync(_pipeline, Name, actions, cancellationToken);

    private async Task<string> WriteEntityAsync(TableEntity entity, string? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var path = TableKeys.EntityPath(Name, entity.PartitionKey, entity.RowKey);
        using var message = TableRequests.CreateWithBody(_pipeline, TableRequests.UpdateMethod(mode), path, TableEntityJson.Serialize(entity));
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        var response = await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
        return TableRequests.ETagOf(response);
    }
}
