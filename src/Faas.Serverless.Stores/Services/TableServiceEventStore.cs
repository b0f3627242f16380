using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Services;

/// <summary>Service events as rows of the services table, beside the service's versions, so they go when it goes.</summary>
public sealed class TableServiceEventStore(StoreTables tables) : IServiceEventStore
{
    private readonly TableClient _table = tables.Services;

    public Task AddAsync(ServiceEvent serviceEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceEvent);
        var entity = new TableEntity(serviceEvent.ProjectId, ServiceEventRows.Prefix(serviceEvent.ServiceId) + serviceEvent.Id)
        {
            ["Type"] = serviceEvent.Type,
            ["Subject"] = serviceEvent.Subject,
            ["Message"] = serviceEvent.Message,
            ["ServiceVersion"] = serviceEvent.ServiceVersion,
            ["Actor"] = serviceEvent.Actor,
            ["CreatedAt"] = serviceEvent.CreatedAt,
        };
        return StorageFailure.TranslateAsync(() => _table.AddEntityAsync(entity, cancellationToken), "recording a service event");
    }

    public Task<Page<ServiceEvent>> ListAsync(string projectId, string serviceId, PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TablePaging.PartitionRowKeyStartsWith(projectId, ServiceEventRows.Prefix(serviceId)), page, entity => ToEvent(entity, serviceId), cancellationToken),
            "listing service events");

    private static ServiceEvent ToEvent(TableEntity entity, string serviceId) => new(
        entity.RowKey[ServiceEventRows.Prefix(serviceId).Length..],
        entity.PartitionKey,
        serviceId,
        entity.GetString("Type") ?? string.Empty,
        entity.GetString("Subject") ?? string.Empty,
        entity.GetString("Message") ?? string.Empty,
        entity.GetInt32("ServiceVersion") ?? 0,
        entity.GetString("Actor") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
}

/// <summary>Row keys of service events: time-ordered ids after the service's prefix.</summary>
internal static class ServiceEventRows
{
    public static string Prefix(string serviceId) => $"event|{serviceId}|";
}
