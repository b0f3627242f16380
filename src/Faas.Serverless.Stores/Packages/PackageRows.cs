using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Stores.Packages;

/// <summary>
/// Row layout of a project's partition in the packages table: the head, the name index, one row per revision
/// and one per service using the package. Keeping them in one partition makes every change one transaction.
/// </summary>
internal static class PackageRows
{
    public const string HeadPrefix = "package|";

    public static string Head(string packageId) => HeadPrefix + packageId;

    /// <summary>Names are unique per project regardless of case, so "Tagger" cannot shadow "tagger".</summary>
    public static string Name(string name) => "name|" + name.ToUpperInvariant();

    public static string RevisionPrefix(string packageId) => $"revision|{packageId}|";

    public static string Revision(string packageId, int revision) => RevisionPrefix(packageId) + revision.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    public static string UsagePrefix(string packageId) => $"usage|{packageId}|";

    public static TableEntity ToHead(string projectId, string packageId, string name, PackageRevision latest, DateTimeOffset createdAt, string creator)
    {
        var entity = WithSnapshot(new TableEntity(projectId, Head(packageId)), latest);
        entity["Name"] = name;
        entity["Version"] = latest.Revision;
        entity["CreatedAt"] = createdAt;
        entity["Creator"] = creator;
        entity["UpdatedAt"] = latest.CreatedAt;
        entity["UpdatedBy"] = latest.Creator;
        return entity;
    }

    public static TableEntity ToRevision(PackageRevision revision)
    {
        var entity = WithSnapshot(new TableEntity(revision.ProjectId, Revision(revision.PackageId, revision.Revision)), revision);
        entity["Revision"] = revision.Revision;
        entity["CreatedAt"] = revision.CreatedAt;
        entity["Creator"] = revision.Creator;
        return entity;
    }

    public static Package FromHead(TableEntity entity) => new(
        entity.RowKey[HeadPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        entity.GetInt32("Version") ?? 0,
        ReadSchema(entity),
        ReadCodebase(entity),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty,
        entity.GetString("UpdatedBy") ?? string.Empty,
        entity.ETag ?? string.Empty);

    public static PackageRevision FromRevision(TableEntity entity)
    {
        var packageId = entity.RowKey.Split('|')[1];
        return new PackageRevision(
            packageId,
            entity.PartitionKey,
            entity.GetInt32("Revision") ?? 0,
            ReadSchema(entity),
            ReadCodebase(entity),
            entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            entity.GetString("Creator") ?? string.Empty);
    }

    private static TableEntity WithSnapshot(TableEntity entity, PackageRevision revision)
    {
        LargeText.Write(entity, "Schema", StoreJson.Serialize(revision.Schema));
        entity["CodebaseSha256"] = revision.Codebase.Sha256;
        entity["CodebaseSize"] = revision.Codebase.SizeBytes;
        return entity;
    }

    private static PackageSchema ReadSchema(TableEntity entity) => StoreJson.Deserialize<PackageSchema>(LargeText.Read(entity, "Schema"), entity.RowKey);

    private static CodebaseRef ReadCodebase(TableEntity entity) =>
        new(entity.GetString("CodebaseSha256") ?? string.Empty, entity.GetInt64("CodebaseSize") ?? 0);
}
