using Azure.Data.Tables;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Services;

/// <summary>
/// Replica heartbeats and the deployment verdict live apart from the service rows, one partition per service,
/// so their churn never moves the service's ETag. Their JSON is small by construction, so it is always inline.
/// </summary>
public sealed class TableReplicaStore(StoreTables tables) : IReplicaStore
{
    private const string ReplicaPrefix = "replica|";
    private const string DeploymentRow = "deployment";
    private readonly TableClient _table = tables.Replicas;

    public Task SetReplicaAsync(string serviceId, ReplicaStatus status, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(serviceId, ReplicaPrefix + status.ReplicaId) { ["Status"] = StoreJson.Serialize(status) };
        return StorageFailure.TranslateAsync(() => _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), "recording a replica");
    }

    public Task<IReadOnlyList<ReplicaStatus>> ListReplicasAsync(string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<ReplicaStatus>>(
            async () =>
            {
                var replicas = new List<ReplicaStatus>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(serviceId, ReplicaPrefix), cancellationToken: cancellationToken))
                {
                    replicas.Add(StoreJson.Deserialize<ReplicaStatus>(entity.GetString("Status"), entity.RowKey));
                }

                return replicas;
            },
            "listing replicas");

    public Task RemoveReplicaAsync(string serviceId, string replicaId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => StoreErrors.DeleteIfExistsAsync(_table, serviceId, ReplicaPrefix + replicaId, cancellationToken), "removing a replica");

    public Task SetDeploymentAsync(DeploymentStatus status, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(status.ServiceId, DeploymentRow) { ["Status"] = StoreJson.Serialize(status) };
        return StorageFailure.TranslateAsync(() => _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken), "recording a deployment");
    }

    public Task<DeploymentStatus?> GetDeploymentAsync(string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, serviceId, DeploymentRow, cancellationToken: cancellationToken) is { } entity
                ? StoreJson.Deserialize<DeploymentStatus>(entity.GetString("Status"), entity.RowKey)
                : null,
            "reading a deployment");

    public Task ClearAsync(string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var rows = new List<string>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {serviceId}"), select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    rows.Add(entity.RowKey);
                }

                foreach (var row in rows)
                {
                    await StoreErrors.DeleteIfExistsAsync(_table, serviceId, row, cancellationToken);
                }
            },
            "clearing replicas");
}
