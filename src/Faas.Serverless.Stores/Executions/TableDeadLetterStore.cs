using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Executions;

/// <summary>Dead letters, one partition per project, newest last (ids are time-ordered); each letter a JSON document.</summary>
public sealed class TableDeadLetterStore : IDeadLetterStore
{
    private const string Letter = "Letter";
    private readonly TableClient _table;
    private readonly DocumentColumns _documents;

    public TableDeadLetterStore(StoreTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.DeadLetters;
        _documents = tables.DocumentsOf(_table);
    }

    /// <summary>A letter is written once; writing it again (a retried hand-off) stores the same document.</summary>
    public Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var entity = new TableEntity(letter.ProjectId, letter.Id);
                await _documents.WriteAsync(entity, Letter, StoreJson.Serialize(letter), previous: null, cancellationToken);
                await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            },
            "recording a dead letter");

    public Task<Page<DeadLetter>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TableClient.CreateQueryFilter($"PartitionKey eq {projectId}"), page, ToLetterAsync, cancellationToken),
            "listing dead letters");

    public Task<DeadLetter?> GetAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, projectId, id, cancellationToken: cancellationToken) is { } entity
                ? await ToLetterAsync(entity, cancellationToken)
                : null,
            "reading a dead letter");

    /// <summary>Reads the letter's blob column first (a point read of one column) to delete a spilled letter's blob after the row.</summary>
    public Task<bool> DeleteAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var blobColumn = DocumentColumns.BlobColumn(Letter);
                if (await StoreErrors.GetAsync(_table, projectId, id, [blobColumn], cancellationToken) is not { } entity)
                {
                    return false;
                }

                var deleted = await StoreErrors.DeleteIfExistsAsync(_table, projectId, id, cancellationToken);
                await _documents.DeleteAsync([entity.GetString(blobColumn)], cancellationToken);
                return deleted;
            },
            "deleting a dead letter");

    private Task<DeadLetter?> ToLetterAsync(TableEntity entity, CancellationToken cancellationToken) =>
        _documents.MapAsync(entity, async row => StoreJson.Deserialize<DeadLetter>(await _documents.ReadAsync(row, Letter, cancellationToken), row.RowKey), cancellationToken);
}
