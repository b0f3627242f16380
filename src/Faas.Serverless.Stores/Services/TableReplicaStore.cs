using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Stores.Services;

/// <summary>
/// Replica heartbeats and the deployment verdict live apart from the service rows, one partition per service,
/// so their churn never moves the service's ETag.
/// </summary>
public sealed class TableReplicaStore(StoreTables tables) : IReplicaStore
{
    private const string ReplicaPrefix = "replica|";
    private const string DeploymentRow = "deployment";
    private readonly TableClient _table = tables.Replicas;

    public async Task SetReplicaAsync(string serviceId, ReplicaStatus status, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(serviceId, ReplicaPrefix + status.ReplicaId) { ["Status"] = StoreJson.Serialize(status) };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<ReplicaStatus>> ListReplicasAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        var replicas = new List<ReplicaStatus>();
        await foreach (var entity in _table.QueryAsync(TablePaging.PartitionRowKeyStartsWith(serviceId, ReplicaPrefix), cancellationToken: cancellationToken))
        {
            replicas.Add(StoreJson.Deserialize<ReplicaStatus>(entity.GetString("Status"), entity.RowKey));
        }

        return replicas;
    }

    public async Task RemoveReplicaAsync(string serviceId, string replicaId, CancellationToken cancellationToken = default) =>
        await StoreErrors.DeleteIfExistsAsync(_table, serviceId, ReplicaPrefix + replicaId, cancellationToken);

    public async Task SetDeploymentAsync(DeploymentStatus status, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(status.ServiceId, DeploymentRow) { ["Status"] = StoreJson.Serialize(status) };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<DeploymentStatus?> GetDeploymentAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(serviceId, DeploymentRow, cancellationToken: cancellationToken);
        return entity is null ? null : StoreJson.Deserialize<DeploymentStatus>(entity.GetString("Status"), entity.RowKey);
    }

    public async Task ClearAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        var rows = new List<string>();
        await foreach (var entity in _table.QueryAsync(TableFilter.Format($"PartitionKey eq {serviceId}"), ["RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(entity.RowKey);
        }

        foreach (var row in rows)
        {
            await StoreErrors.DeleteIfExistsAsync(_table, serviceId, row, cancellationToken);
        }
    }
}
