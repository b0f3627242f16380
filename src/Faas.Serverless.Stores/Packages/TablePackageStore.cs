using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Packages;

/// <summary>
/// Packages on Table storage, one partition per project (see <see cref="PackageRows"/>). Every change commits
/// the head with its ETag in the same transaction as the rows it adds, so concurrent writers cannot both win.
/// </summary>
public sealed class TablePackageStore : IPackageStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table;
    private readonly DocumentColumns _documents;
    private readonly PackageRows _rows;

    public TablePackageStore(StoreTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Packages;
        _documents = tables.DocumentsOf(_table);
        _rows = new PackageRows(_documents);
    }

    public Task<Package?> GetAsync(string projectId, string packageId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadAsync(projectId, packageId, cancellationToken), "reading a package");

    public Task<Package?> FindByNameAsync(string projectId, string name, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => (await StoreErrors.GetAsync(_table, projectId, PackageRows.Name(name), cancellationToken: cancellationToken))?.GetString("PackageId") is { } packageId
                ? await ReadAsync(projectId, packageId, cancellationToken)
                : null,
            "finding a package");

    public Task<Page<Package>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, PackageRows.HeadPrefix), page, _rows.FromHeadAsync, cancellationToken),
            "listing packages");

    public Task<PackageRevision?> GetRevisionAsync(string projectId, string packageId, int revision, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, projectId, PackageRows.Revision(packageId, revision), cancellationToken: cancellationToken) is { } entity
                ? await _rows.FromRevisionAsync(entity, cancellationToken)
                : null,
            "reading a package revision");

    public Task<Page<PackageRevision>> ListRevisionsAsync(string projectId, string packageId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, PackageRows.RevisionPrefix(packageId)), page, _rows.FromRevisionAsync, cancellationToken),
            "listing package revisions");

    public Task<Package> CreateAsync(PackageRevision first, string name, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var head = await _rows.ToHeadAsync(first.ProjectId, first.PackageId, name, first, first.CreatedAt, first.Creator, previous: null, cancellationToken);
                var nameIndex = new TableEntity(first.ProjectId, PackageRows.Name(name)) { ["PackageId"] = first.PackageId };
                try
                {
                    var results = await _table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.Add, nameIndex),
                            new TableTransactionAction(TableTransactionActionType.Add, head),
                            new TableTransactionAction(TableTransactionActionType.Add, await _rows.ToRevisionAsync(first, cancellationToken)),
                        ],
                        cancellationToken);
                    head.ETag = new Azure.ETag(StoreErrors.ETagOf(results.Value[1]));
                    return PackageRows.ToPackage(head, first.Schema);
                }
                catch (Azure.RequestFailedException ex) when (ex.IsConflict())
                {
                    throw new ConflictException($"A package named '{name}' already exists in project '{first.ProjectId}'.");
                }
            },
            "creating a package");

    public Task<Package> AddRevisionAsync(Package current, PackageSchema schema, CodebaseRef codebase, string creator, DateTimeOffset createdAt, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var next = new PackageRevision(current.Id, current.ProjectId, current.Version + 1, schema, codebase, createdAt, creator);
                var head = await _rows.ToHeadAsync(current.ProjectId, current.Id, current.Name, next, current.CreatedAt, current.Creator, current.Schema, cancellationToken);
                var revision = await _rows.ToRevisionAsync(next, cancellationToken);
                try
                {
                    var results = await _table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, StoreErrors.ToETag(current.ETag, $"Package '{current.Id}'")),
                            new TableTransactionAction(TableTransactionActionType.Add, revision),
                        ],
                        cancellationToken);
                    head.ETag = new Azure.ETag(StoreErrors.ETagOf(results.Value[0]));
                }
                catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsConflict() || ex.IsNotFound())
                {
                    throw new PreconditionFailedException($"Package '{current.Id}' changed since version {current.Version} was read.");
                }

                await _documents.DeleteAsync([ReplacedSchema(current, schema)], cancellationToken);
                return PackageRows.ToPackage(head, schema);
            },
            "adding a package revision");

    public Task DeleteAsync(Package current, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var users = await ReadUsageAsync(current.ProjectId, current.Id, cancellationToken);
                if (users.Count > 0)
                {
                    throw new ConflictException($"Package '{current.Name}' is used by {users.Count} service(s) ({string.Join(", ", users)}); delete or move them first.");
                }

                try
                {
                    // The head's ETag makes this fail if a service started using the package after the check above.
                    await _table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, PackageRows.Head(current.Id)), StoreErrors.ToETag(current.ETag, $"Package '{current.Id}'")),
                            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, PackageRows.Name(current.Name))),
                        ],
                        cancellationToken);
                }
                catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
                {
                    throw new PreconditionFailedException($"Package '{current.Id}' changed since version {current.Version} was read.");
                }

                await _documents.DeleteAsync([ReplacedSchema(current, next: null)], cancellationToken);
                await DeleteRevisionsAsync(current, cancellationToken);
            },
            "deleting a package");

    public Task AddUsageAsync(Package current, string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var head = new TableEntity(current.ProjectId, PackageRows.Head(current.Id));
                var usage = new TableEntity(current.ProjectId, PackageRows.UsagePrefix(current.Id) + serviceId);
                try
                {
                    // Touching the head with its ETag orders this against a concurrent delete.
                    await _table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.UpdateMerge, head, StoreErrors.ToETag(current.ETag, $"Package '{current.Id}'")),
                            new TableTransactionAction(TableTransactionActionType.UpsertReplace, usage),
                        ],
                        cancellationToken);
                }
                catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound())
                {
                    throw new PreconditionFailedException($"Package '{current.Id}' changed or was deleted since it was read.");
                }
            },
            "recording a package usage");

    public Task<bool> RemoveUsageAsync(string projectId, string packageId, string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => StoreErrors.DeleteIfExistsAsync(_table, projectId, PackageRows.UsagePrefix(packageId) + serviceId, cancellationToken),
            "removing a package usage");

    public Task<IReadOnlyList<string>> ListUsageAsync(string projectId, string packageId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadUsageAsync(projectId, packageId, cancellationToken), "listing package usage");

    private async Task<Package?> ReadAsync(string projectId, string packageId, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_table, projectId, PackageRows.Head(packageId), cancellationToken: cancellationToken) is { } entity
            ? await _rows.FromHeadAsync(entity, cancellationToken)
            : null;

    private async Task<IReadOnlyList<string>> ReadUsageAsync(string projectId, string packageId, CancellationToken cancellationToken)
    {
        var prefix = PackageRows.UsagePrefix(packageId);
        var services = new List<string>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(projectId, prefix), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            services.Add(entity.RowKey[prefix.Length..]);
        }

        return services;
    }

    private string? ReplacedSchema(Package current, PackageSchema? next) =>
        _documents.Replaced(current.ProjectId, PackageRows.Head(current.Id), PackageRows.Schema, PackageRows.SchemaJson(current.Schema), next is null ? null : PackageRows.SchemaJson(next));

    /// <summary>Once the head is gone the revisions are unreachable, so removing them need not be atomic.</summary>
    private async Task DeleteRevisionsAsync(Package current, CancellationToken cancellationToken)
    {
        var rows = new List<TableTransactionAction>();
        var blobs = new List<string?>();
        var filter = TablePaging.PartitionRowKeyStartsWith(current.ProjectId, PackageRows.RevisionPrefix(current.Id));
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", DocumentColumns.BlobColumn(PackageRows.Schema)], cancellationToken: cancellationToken))
        {
            rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, entity.RowKey)));
            blobs.Add(entity.GetString(DocumentColumns.BlobColumn(PackageRows.Schema)));
        }

        foreach (var batch in rows.Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(batch, cancellationToken);
        }

        await _documents.DeleteAsync(blobs, cancellationToken);
    }
}
