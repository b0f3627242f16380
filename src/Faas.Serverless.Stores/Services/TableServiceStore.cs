using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Services;

/// <summary>Services on Table storage, one partition per project (see <see cref="ServiceRows"/>).</summary>
public sealed class TableServiceStore : IServiceStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table;
    private readonly DocumentColumns _documents;
    private readonly ServiceRows _rows;

    public TableServiceStore(StoreTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Services;
        _documents = tables.DocumentsOf(_table);
        _rows = new ServiceRows(_documents);
    }

    public Task<Service> CreateAsync(Service service, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var head = await _rows.ToHeadAsync(service, previous: null, cancellationToken);
                var revision = new ServiceRevision(service.Id, service.Version, service.Spec, service.CreatedAt, service.Creator);
                try
                {
                    var results = await _table.SubmitTransactionAsync(
                        [
                            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(service.ProjectId, ServiceRows.Name(service.Name)) { ["ServiceId"] = service.Id }),
                            new TableTransactionAction(TableTransactionActionType.Add, head),
                            new TableTransactionAction(TableTransactionActionType.Add, await _rows.ToRevisionAsync(service.ProjectId, revision, cancellationToken)),
                        ],
                        cancellationToken);
                    return service with { ETag = StoreErrors.ETagOf(results.Value[1]) };
                }
                catch (Azure.RequestFailedException ex) when (ex.IsConflict())
                {
                    throw new ConflictException($"A service named '{service.Name}' already exists in project '{service.ProjectId}'.");
                }
            },
            "creating a service");

    public Task<Service?> GetAsync(string projectId, string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, projectId, ServiceRows.Head(serviceId), cancellationToken: cancellationToken) is { } entity
                ? await _rows.FromHeadAsync(entity, cancellationToken)
                : null,
            "reading a service");

    public Task<Page<Service>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, ServiceRows.HeadPrefix), page, _rows.FromHeadAsync, cancellationToken),
            "listing services");

    public Task<IReadOnlyList<Service>> ListAllAsync(CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<Service>>(
            async () =>
            {
                var services = new List<Service>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(TablePaging.RowKeyStartsWith(ServiceRows.HeadPrefix), cancellationToken: cancellationToken))
                {
                    if (await _rows.FromHeadAsync(entity, cancellationToken) is { } service)
                    {
                        services.Add(service);
                    }
                }

                return services;
            },
            "listing all services");

    public Task<Service> UpdateAsync(Service current, ServiceSpec spec, string updater, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var next = current with { Spec = spec, Version = current.Version + 1, UpdatedAt = updatedAt };
                var revision = new ServiceRevision(current.Id, next.Version, spec, updatedAt, updater);
                var row = await _rows.ToRevisionAsync(current.ProjectId, revision, cancellationToken);
                return await CommitHeadAsync(current, next, [new TableTransactionAction(TableTransactionActionType.Add, row)], cancellationToken);
            },
            "updating a service");

    public Task<Service> SetActiveAsync(Service current, bool active, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => CommitHeadAsync(current, current with { Active = active, UpdatedAt = updatedAt }, [], cancellationToken), "activating a service");

    public Task<Service> MarkDeletingAsync(Service current, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => CommitHeadAsync(current, current with { Active = false, Deleting = true, UpdatedAt = updatedAt }, [], cancellationToken),
            "marking a service for deletion");

    public Task<ServiceRevision?> GetRevisionAsync(string projectId, string serviceId, int version, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, projectId, ServiceRows.Version(serviceId, version), cancellationToken: cancellationToken) is { } entity
                ? await _rows.FromRevisionAsync(entity, cancellationToken)
                : null,
            "reading a service revision");

    public Task<Page<ServiceRevision>> ListRevisionsAsync(string projectId, string serviceId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, ServiceRows.VersionPrefix(serviceId)), page, _rows.FromRevisionAsync, cancellationToken),
            "listing service revisions");

    public Task DeleteAsync(Service current, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var rows = new List<TableTransactionAction>
                {
                    new(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, ServiceRows.Head(current.Id))),
                    new(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, ServiceRows.Name(current.Name))),
                };
                var blobs = new List<string?> { _documents.Replaced(current.ProjectId, ServiceRows.Head(current.Id), ServiceRows.Spec, ServiceRows.SpecJson(current.Spec), next: null) };
                foreach (var prefix in new[] { ServiceRows.VersionPrefix(current.Id), ServiceEventRows.Prefix(current.Id) })
                {
                    var filter = TablePaging.PartitionRowKeyStartsWith(current.ProjectId, prefix);
                    await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", DocumentColumns.BlobColumn(ServiceRows.Spec)], cancellationToken: cancellationToken))
                    {
                        rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, entity.RowKey)));
                        blobs.Add(entity.GetString(DocumentColumns.BlobColumn(ServiceRows.Spec)));
                    }
                }

                // The head goes in the first batch, so a crash part-way leaves only unreachable snapshots behind.
                foreach (var batch in rows.Chunk(MaxBatch))
                {
                    try
                    {
                        await _table.SubmitTransactionAsync(batch, cancellationToken);
                    }
                    catch (Azure.RequestFailedException ex) when (ex.IsNotFound())
                    {
                        // Deleted by a previous attempt of this same cleanup.
                    }
                }

                await _documents.DeleteAsync(blobs, cancellationToken);
            },
            "deleting a service");

    private async Task<Service> CommitHeadAsync(Service current, Service next, IReadOnlyList<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        var head = await _rows.ToHeadAsync(next, current, cancellationToken);
        Azure.Response<IReadOnlyList<Azure.Response>> results;
        try
        {
            results = await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, StoreErrors.ToETag(current.ETag, $"Service '{current.Id}'")), .. extra],
                cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.IsPreconditionFailed() || ex.IsNotFound() || ex.IsConflict())
        {
            throw new PreconditionFailedException($"Service '{current.Id}' changed since version {current.Version} was read.");
        }

        var replaced = _documents.Replaced(current.ProjectId, ServiceRows.Head(current.Id), ServiceRows.Spec, ServiceRows.SpecJson(current.Spec), ServiceRows.SpecJson(next.Spec));
        await _documents.DeleteAsync([replaced], cancellationToken);
        return next with { ETag = StoreErrors.ETagOf(results.Value[0]) };
    }
}
