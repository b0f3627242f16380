using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Stores.Packages;

/// <summary>
/// Packages on Table storage, one partition per project (see <see cref="PackageRows"/>). Every change commits
/// the head with its ETag in the same transaction as the rows it adds, so concurrent writers cannot both win.
/// </summary>
public sealed class TablePackageStore(StoreTables tables) : IPackageStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.Packages;

    public async Task<Package?> GetAsync(string projectId, string packageId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(projectId, PackageRows.Head(packageId), cancellationToken: cancellationToken);
        return entity is null ? null : PackageRows.FromHead(entity);
    }

    public async Task<Package?> FindByNameAsync(string projectId, string name, CancellationToken cancellationToken = default)
    {
        var index = await _table.GetEntityAsync(projectId, PackageRows.Name(name), cancellationToken: cancellationToken);
        return index?.GetString("PackageId") is { } packageId ? await GetAsync(projectId, packageId, cancellationToken) : null;
    }

    public Task<Page<Package>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, PackageRows.HeadPrefix), page, PackageRows.FromHead, cancellationToken);

    public async Task<PackageRevision?> GetRevisionAsync(string projectId, string packageId, int revision, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(projectId, PackageRows.Revision(packageId, revision), cancellationToken: cancellationToken);
        return entity is null ? null : PackageRows.FromRevision(entity);
    }

    public Task<Page<PackageRevision>> ListRevisionsAsync(string projectId, string packageId, PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, PackageRows.RevisionPrefix(packageId)), page, PackageRows.FromRevision, cancellationToken);

    public async Task<Package> CreateAsync(PackageRevision first, string name, CancellationToken cancellationToken = default)
    {
        var head = PackageRows.ToHead(first.ProjectId, first.PackageId, name, first, first.CreatedAt, first.Creator);
        var nameIndex = new TableEntity(first.ProjectId, PackageRows.Name(name)) { ["PackageId"] = first.PackageId };
        try
        {
            var results = await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, nameIndex),
                    new TableTransactionAction(TableTransactionActionType.Add, head),
                    new TableTransactionAction(TableTransactionActionType.Add, PackageRows.ToRevision(first)),
                ],
                cancellationToken);
            head.ETag = results[1].ETag;
            return PackageRows.FromHead(head);
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            throw new ConflictException($"A package named '{name}' already exists in project '{first.ProjectId}'.");
        }
    }

    public async Task<Package> AddRevisionAsync(Package current, PackageSchema schema, CodebaseRef codebase, string creator, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var next = new PackageRevision(current.Id, current.ProjectId, current.Version + 1, schema, codebase, createdAt, creator);
        var head = PackageRows.ToHead(current.ProjectId, current.Id, current.Name, next, current.CreatedAt, current.Creator);
        try
        {
            var results = await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, current.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, PackageRows.ToRevision(next)),
                ],
                cancellationToken);
            head.ETag = results[0].ETag;
            return PackageRows.FromHead(head);
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsConflict || ex.IsNotFound)
        {
            throw new PreconditionFailedException($"Package '{current.Id}' changed since version {current.Version} was read.");
        }
    }

    public async Task DeleteAsync(Package current, CancellationToken cancellationToken = default)
    {
        var users = await ListUsageAsync(current.ProjectId, current.Id, cancellationToken);
        if (users.Count > 0)
        {
            throw new ConflictException($"Package '{current.Name}' is used by {users.Count} service(s) ({string.Join(", ", users)}); delete or move them first.");
        }

        try
        {
            // The head's ETag makes this fail if a service started using the package after the check above.
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, PackageRows.Head(current.Id)), current.ETag),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, PackageRows.Name(current.Name))),
                ],
                cancellationToken);
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            throw new PreconditionFailedException($"Package '{current.Id}' changed since version {current.Version} was read.");
        }

        await DeleteRevisionsAsync(current, cancellationToken);
    }

    public async Task AddUsageAsync(Package current, string serviceId, CancellationToken cancellationToken = default)
    {
        var head = new TableEntity(current.ProjectId, PackageRows.Head(current.Id));
        var usage = new TableEntity(current.ProjectId, PackageRows.UsagePrefix(current.Id) + serviceId);
        try
        {
            // Touching the head with its ETag orders this against a concurrent delete.
            await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, head, current.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpsertReplace, usage),
                ],
                cancellationToken);
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            throw new PreconditionFailedException($"Package '{current.Id}' changed or was deleted since it was read.");
        }
    }

    public Task<bool> RemoveUsageAsync(string projectId, string packageId, string serviceId, CancellationToken cancellationToken = default) =>
        StoreErrors.DeleteIfExistsAsync(_table, projectId, PackageRows.UsagePrefix(packageId) + serviceId, cancellationToken);

    public async Task<IReadOnlyList<string>> ListUsageAsync(string projectId, string packageId, CancellationToken cancellationToken = default)
    {
        var prefix = PackageRows.UsagePrefix(packageId);
        var services = new List<string>();
        await foreach (var entity in _table.QueryAsync(TablePaging.PartitionRowKeyStartsWith(projectId, prefix), ["RowKey"], cancellationToken: cancellationToken))
        {
            services.Add(entity.RowKey[prefix.Length..]);
        }

        return services;
    }

    /// <summary>Once the head is gone the revisions are unreachable, so removing them need not be atomic.</summary>
    private async Task DeleteRevisionsAsync(Package current, CancellationToken cancellationToken)
    {
        var rows = new List<TableTransactionAction>();
        var filter = TablePaging.PartitionRowKeyStartsWith(current.ProjectId, PackageRows.RevisionPrefix(current.Id));
        await foreach (var entity in _table.QueryAsync(filter, ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, entity.RowKey)));
        }

        foreach (var batch in rows.Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }
    }
}
