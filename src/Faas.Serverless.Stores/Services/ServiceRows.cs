using System.Globalization;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Stores.Services;

/// <summary>
/// Row layout of a project's partition in the services table: the head, a name index and one snapshot per
/// version, so that every change is one transaction guarded by the head's ETag. Specs are JSON documents (see
/// <see cref="DocumentColumns"/>).
/// </summary>
internal sealed class ServiceRows(DocumentColumns documents)
{
    public const string HeadPrefix = "service|";
    public const string Spec = "Spec";

    public static string Head(string serviceId) => HeadPrefix + serviceId;

    public static string Name(string name) => "name|" + name.ToUpperInvariant();

    public static string VersionPrefix(string serviceId) => $"version|{serviceId}|";

    public static string Version(string serviceId, int version) => VersionPrefix(serviceId) + version.ToString("D10", CultureInfo.InvariantCulture);

    public static string SpecJson(ServiceSpec spec) => StoreJson.Serialize(spec);

    /// <param name="previous">The head this one replaces, whose spec need not be uploaded again when unchanged.</param>
    public async Task<TableEntity> ToHeadAsync(Service service, Service? previous, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(service.ProjectId, Head(service.Id))
        {
            ["Name"] = service.Name,
            ["Active"] = service.Active,
            ["Deleting"] = service.Deleting,
            ["Version"] = service.Version,
            ["CreatedAt"] = service.CreatedAt,
            ["UpdatedAt"] = service.UpdatedAt,
            ["Creator"] = service.Creator,
        };
        await documents.WriteAsync(entity, Spec, SpecJson(service.Spec), previous is null ? null : SpecJson(previous.Spec), cancellationToken);
        return entity;
    }

    public async Task<TableEntity> ToRevisionAsync(string projectId, ServiceRevision revision, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(projectId, Version(revision.ServiceId, revision.Version))
        {
            ["Version"] = revision.Version,
            ["CreatedAt"] = revision.CreatedAt,
            ["Creator"] = revision.Creator,
        };
        await documents.WriteAsync(entity, Spec, SpecJson(revision.Spec), previous: null, cancellationToken);
        return entity;
    }

    public Task<Service?> FromHeadAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(entity, async row => ToService(row, await ReadSpecAsync(row, cancellationToken)), cancellationToken);

    public Task<ServiceRevision?> FromRevisionAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(entity, async row => ToRevision(row, await ReadSpecAsync(row, cancellationToken)), cancellationToken);

    private async Task<ServiceSpec> ReadSpecAsync(TableEntity entity, CancellationToken cancellationToken) =>
        StoreJson.Deserialize<ServiceSpec>(await documents.ReadAsync(entity, Spec, cancellationToken), entity.RowKey);

    private static Service ToService(TableEntity entity, ServiceSpec spec) => new(
        entity.RowKey[HeadPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        spec,
        entity.GetBoolean("Active") ?? false,
        entity.GetBoolean("Deleting") ?? false,
        entity.GetInt32("Version") ?? 0,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty,
        entity.ETag.ToString());

    private static ServiceRevision ToRevision(TableEntity entity, ServiceSpec spec) => new(
        entity.RowKey.Split('|')[1],
        entity.GetInt32("Version") ?? 0,
        spec,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty);
}
