using Azure.Data.Tables;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Stores.Packages;

/// <summary>
/// Row layout of a project's partition in the packages table: the head, the name index, one row per revision
/// and one per service using the package. Keeping them in one partition makes every change one transaction.
/// Schemas are JSON documents (see <see cref="DocumentColumns"/>).
/// </summary>
internal sealed class PackageRows(DocumentColumns documents)
{
    public const string HeadPrefix = "package|";
    public const string Schema = "Schema";

    public static string Head(string packageId) => HeadPrefix + packageId;

    /// <summary>Names are unique per project regardless of case, so "Tagger" cannot shadow "tagger".</summary>
    public static string Name(string name) => "name|" + name.ToUpperInvariant();

    public static string RevisionPrefix(string packageId) => $"revision|{packageId}|";

    public static string Revision(string packageId, int revision) => RevisionPrefix(packageId) + revision.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    public static string UsagePrefix(string packageId) => $"usage|{packageId}|";

    public static string SchemaJson(PackageSchema schema) => StoreJson.Serialize(schema);

    /// <param name="previous">The schema of the head this one replaces, not uploaded again when unchanged.</param>
    public async Task<TableEntity> ToHeadAsync(string projectId, string packageId, string name, PackageRevision latest, DateTimeOffset createdAt, string creator, PackageSchema? previous, CancellationToken cancellationToken)
    {
        var entity = await WithSnapshotAsync(new TableEntity(projectId, Head(packageId)), latest, previous, cancellationToken);
        entity["Name"] = name;
        entity["Version"] = latest.Revision;
        entity["CreatedAt"] = createdAt;
        entity["Creator"] = creator;
        entity["UpdatedAt"] = latest.CreatedAt;
        entity["UpdatedBy"] = latest.Creator;
        return entity;
    }

    public async Task<TableEntity> ToRevisionAsync(PackageRevision revision, CancellationToken cancellationToken)
    {
        var entity = await WithSnapshotAsync(new TableEntity(revision.ProjectId, Revision(revision.PackageId, revision.Revision)), revision, previous: null, cancellationToken);
        entity["Revision"] = revision.Revision;
        entity["CreatedAt"] = revision.CreatedAt;
        entity["Creator"] = revision.Creator;
        return entity;
    }

    public Task<Package?> FromHeadAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(entity, async row => ToPackage(row, await ReadSchemaAsync(row, cancellationToken)), cancellationToken);

    public Task<PackageRevision?> FromRevisionAsync(TableEntity entity, CancellationToken cancellationToken) =>
        documents.MapAsync(entity, async row => ToRevision(row, await ReadSchemaAsync(row, cancellationToken)), cancellationToken);

    /// <summary>The head as written, without reading back a schema the caller holds.</summary>
    public static Package ToPackage(TableEntity entity, PackageSchema schema) => new(
        entity.RowKey[HeadPrefix.Length..],
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        entity.GetInt32("Version") ?? 0,
        schema,
        ReadCodebase(entity),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty,
        entity.GetString("UpdatedBy") ?? string.Empty,
        entity.ETag.ToString());

    private static PackageRevision ToRevision(TableEntity entity, PackageSchema schema) => new(
        entity.RowKey.Split('|')[1],
        entity.PartitionKey,
        entity.GetInt32("Revision") ?? 0,
        schema,
        ReadCodebase(entity),
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty);

    private async Task<TableEntity> WithSnapshotAsync(TableEntity entity, PackageRevision revision, PackageSchema? previous, CancellationToken cancellationToken)
    {
        await documents.WriteAsync(entity, Schema, SchemaJson(revision.Schema), previous is null ? null : SchemaJson(previous), cancellationToken);
        entity["CodebaseSha256"] = revision.Codebase.Sha256;
        entity["CodebaseSize"] = revision.Codebase.SizeBytes;
        return entity;
    }

    private async Task<PackageSchema> ReadSchemaAsync(TableEntity entity, CancellationToken cancellationToken) =>
        StoreJson.Deserialize<PackageSchema>(await documents.ReadAsync(entity, Schema, cancellationToken), entity.RowKey);

    private static CodebaseRef ReadCodebase(TableEntity entity) =>
        new(entity.GetString("CodebaseSha256") ?? string.Empty, entity.GetInt64("CodebaseSize") ?? 0);
}
