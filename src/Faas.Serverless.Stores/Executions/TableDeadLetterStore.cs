using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Engine;

namespace Faas.Serverless.Stores.Executions;

/// <summary>Dead letters, one partition per project, newest last (ids are time-ordered).</summary>
public sealed class TableDeadLetterStore(StoreTables tables) : IDeadLetterStore
{
    private readonly TableClient _table = tables.DeadLetters;

    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(letter.ProjectId, letter.Id);
        LargeText.Write(entity, "Letter", StoreJson.Serialize(letter));
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public Task<Page<DeadLetter>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, TableFilter.Format($"PartitionKey eq {projectId}"), page, ToLetter, cancellationToken);

    public async Task<DeadLetter?> GetAsync(string projectId, string id, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(projectId, id, cancellationToken: cancellationToken);
        return entity is null ? null : ToLetter(entity);
    }

    public Task<bool> DeleteAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        StoreErrors.DeleteIfExistsAsync(_table, projectId, id, cancellationToken);

    private static DeadLetter ToLetter(TableEntity entity) => StoreJson.Deserialize<DeadLetter>(LargeText.Read(entity, "Letter"), entity.RowKey);
}
