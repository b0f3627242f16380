using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Stores.Services;

/// <summary>Services on Table storage, one partition per project (see <see cref="ServiceRows"/>).</summary>
public sealed class TableServiceStore(StoreTables tables) : IServiceStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.Services;

    public async Task<Service> CreateAsync(Service service, CancellationToken cancellationToken = default)
    {
        var head = ServiceRows.ToHead(service);
        var revision = new ServiceRevision(service.Id, service.Version, service.Spec, service.CreatedAt, service.Creator);
        try
        {
            var results = await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(service.ProjectId, ServiceRows.Name(service.Name)) { ["ServiceId"] = service.Id }),
                    new TableTransactionAction(TableTransactionActionType.Add, head),
                    new TableTransactionAction(TableTransactionActionType.Add, ServiceRows.ToRevision(service.ProjectId, revision)),
                ],
                cancellationToken);
            return service with { ETag = results[1].ETag ?? string.Empty };
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            throw new ConflictException($"A service named '{service.Name}' already exists in project '{service.ProjectId}'.");
        }
    }

    public async Task<Service?> GetAsync(string projectId, string serviceId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(projectId, ServiceRows.Head(serviceId), cancellationToken: cancellationToken);
        return entity is null ? null : ServiceRows.FromHead(entity);
    }

    public Task<Page<Service>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, ServiceRows.HeadPrefix), page, ServiceRows.FromHead, cancellationToken);

    public async Task<IReadOnlyList<Service>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        var services = new List<Service>();
        await foreach (var entity in _table.QueryAsync(TablePaging.RowKeyStartsWith(ServiceRows.HeadPrefix), cancellationToken: cancellationToken))
        {
            services.Add(ServiceRows.FromHead(entity));
        }

        return services;
    }

    public async Task<Service> UpdateAsync(Service current, ServiceSpec spec, string updater, DateTimeOffset updatedAt, CancellationToken cancellationToken = default)
    {
        var next = current with { Spec = spec, Version = current.Version + 1, UpdatedAt = updatedAt };
        var revision = new ServiceRevision(current.Id, next.Version, spec, updatedAt, updater);
        return await CommitHeadAsync(
            current,
            next,
            [new TableTransactionAction(TableTransactionActionType.Add, ServiceRows.ToRevision(current.ProjectId, revision))],
            cancellationToken);
    }

    public Task<Service> SetActiveAsync(Service current, bool active, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        CommitHeadAsync(current, current with { Active = active, UpdatedAt = updatedAt }, [], cancellationToken);

    public Task<Service> MarkDeletingAsync(Service current, DateTimeOffset updatedAt, CancellationToken cancellationToken = default) =>
        CommitHeadAsync(current, current with { Active = false, Deleting = true, UpdatedAt = updatedAt }, [], cancellationToken);

    public async Task<ServiceRevision?> GetRevisionAsync(string projectId, string serviceId, int version, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(projectId, ServiceRows.Version(serviceId, version), cancellationToken: cancellationToken);
        return entity is null ? null : ServiceRows.FromRevision(entity);
    }

    public Task<Page<ServiceRevision>> ListRevisionsAsync(string projectId, string serviceId, PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, ServiceRows.VersionPrefix(serviceId)), page, ServiceRows.FromRevision, cancellationToken);

    public async Task DeleteAsync(Service current, CancellationToken cancellationToken = default)
    {
        var rows = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, ServiceRows.Head(current.Id))),
            new(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, ServiceRows.Name(current.Name))),
        };
        await foreach (var entity in _table.QueryAsync(TablePaging.PartitionRowKeyStartsWith(current.ProjectId, ServiceRows.VersionPrefix(current.Id)), ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(current.ProjectId, entity.RowKey)));
        }

        // The head goes in the first batch, so a crash part-way leaves only unreachable snapshots behind.
        foreach (var batch in rows.Chunk(MaxBatch))
        {
            try
            {
                await _table.SubmitTransactionAsync(batch, cancellationToken);
            }
            catch (StorageException ex) when (ex.IsNotFound)
            {
                // Deleted by a previous attempt of this same cleanup.
            }
        }
    }

    private async Task<Service> CommitHeadAsync(Service current, Service next, IReadOnlyList<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        try
        {
            var results = await _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.UpdateReplace, ServiceRows.ToHead(next), current.ETag), .. extra],
                cancellationToken);
            return next with { ETag = results[0].ETag ?? string.Empty };
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound || ex.IsConflict)
        {
            throw new PreconditionFailedException($"Service '{current.Id}' changed since version {current.Version} was read.");
        }
    }
}
