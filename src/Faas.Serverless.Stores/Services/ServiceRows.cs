using System.Globalization;
using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Stores.Services;

/// <summary>
/// Row layout of a project's partition in the services table: the head, a name index and one snapshot per
/// version, so that every change is one transaction guarded by the head's ETag.
/// </summary>
internal static class ServiceRows
{
    public const string HeadPrefix = "service|";

    public static string Head(string serviceId) => HeadPrefix + serviceId;

    public static string Name(string name) => "name|" + name.ToUpperInvariant();

    public static string VersionPrefix(string serviceId) => $"version|{serviceId}|";

    public static string Version(string serviceId, int version) => VersionPrefix(serviceId) + version.ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity ToHead(Service service)
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
        LargeText.Write(entity, "Spec", StoreJson.Serialize(service.Spec));
        return entity;
    }

    public static TableEntity ToRevision(string projectId, ServiceRevision revision)
    {
        var entity = new TableEntity(projectId, Version(revision.ServiceId, revision.Version))
        {
            ["Version"] = revision.Version,
            ["CreatedAt"] = revision.CreatedAt,
            ["Creator"] = revision.Creator,
        };
        LargeText.Write(entity, "Spec", StoreJson.Serialize(revision.Spec));
        return entity;
    }

    public static Service FromHead(TableEntity entity) => new(
        entity.RowKey[HeadPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        ReadSpec(entity),
        entity.GetBoolean("Active") ?? false,
        entity.GetBoolean("Deleting") ?? false,
        entity.GetInt32("Version") ?? 0,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty,
        entity.ETag ?? string.Empty);

    public static ServiceRevision FromRevision(TableEntity entity) => new(
        entity.RowKey.Split('|')[1],
        entity.GetInt32("Version") ?? 0,
        ReadSpec(entity),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty);

    private static ServiceSpec ReadSpec(TableEntity entity) => StoreJson.Deserialize<ServiceSpec>(LargeText.Read(entity, "Spec"), entity.RowKey);
}
