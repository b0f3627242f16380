using Azure;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Secrets;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Secrets;

/// <summary>
/// Secrets on Table storage: one row per secret in its project's partition, the value only as ciphertext
/// (<see cref="SecretProtector"/>), cut into binary columns under the 64 KiB property limit.
/// </summary>
public sealed class TableSecretStore(StoreTables tables, SecretProtector protector, TimeProvider clock) : ISecretStore
{
    private const int MaxAttempts = 10;
    private const int PartBytes = 60 * 1024;
    private const string Parts = "ValueParts";
    private static readonly string[] MetadataColumns = ["PartitionKey", "RowKey", "Version", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy"];
    private readonly TableClient _table = tables.Secrets;

    public Task<(Secret Secret, bool Created)> SetAsync(string projectId, string name, string value, string actor, bool createOnly, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var ciphertext = protector.Protect(projectId, name, value);
                for (var attempt = 1; ; attempt++)
                {
                    var existing = await StoreErrors.GetAsync(_table, projectId, name, MetadataColumns, cancellationToken);
                    if (existing is not null && createOnly)
                    {
                        throw new ConflictException($"Secret '{name}' already exists in project '{projectId}'; PUT replaces its value.");
                    }

                    var now = clock.GetUtcNow();
                    var secret = existing is null
                        ? new Secret(projectId, name, 1, now, actor, now, actor)
                        : ToSecret(existing) with { Version = (existing.GetInt32("Version") ?? 0) + 1, UpdatedAt = now, UpdatedBy = actor };
                    var entity = ToEntity(secret, ciphertext);
                    try
                    {
                        if (existing is null)
                        {
                            await _table.AddEntityAsync(entity, cancellationToken);
                        }
                        else
                        {
                            await _table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken);
                        }

                        return (secret, existing is null);
                    }
                    catch (RequestFailedException ex) when ((ex.IsConflict() || ex.IsPreconditionFailed() || ex.IsNotFound()) && attempt < MaxAttempts)
                    {
                        // Changed by someone else since it was read: apply this change on top of theirs.
                    }
                }
            },
            "setting a secret");

    public Task<Secret?> GetAsync(string projectId, string name, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_table, projectId, name, MetadataColumns, cancellationToken) is { } entity ? ToSecret(entity) : null,
            "reading a secret");

    public Task<IReadOnlyList<Secret>> ListAsync(string projectId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<Secret>>(
            async () =>
            {
                var secrets = new List<Secret>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {projectId}"), select: MetadataColumns, cancellationToken: cancellationToken))
                {
                    secrets.Add(ToSecret(entity));
                }

                return secrets;
            },
            "listing secrets");

    public Task<bool> DeleteAsync(string projectId, string name, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => StoreErrors.DeleteIfExistsAsync(_table, projectId, name, cancellationToken), "deleting a secret");

    public Task<IReadOnlyDictionary<string, string>> RevealAsync(string projectId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyDictionary<string, string>>(
            async () =>
            {
                ArgumentNullException.ThrowIfNull(names);
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var name in names.Distinct(StringComparer.Ordinal))
                {
                    if (await StoreErrors.GetAsync(_table, projectId, name, cancellationToken: cancellationToken) is { } entity)
                    {
                        values[name] = protector.Unprotect(projectId, name, ReadCiphertext(entity));
                    }
                }

                return values;
            },
            "reading secret values");

    private static TableEntity ToEntity(Secret secret, byte[] ciphertext)
    {
        var entity = new TableEntity(secret.ProjectId, secret.Name)
        {
            ["Version"] = secret.Version,
            ["CreatedAt"] = secret.CreatedAt,
            ["CreatedBy"] = secret.CreatedBy,
            ["UpdatedAt"] = secret.UpdatedAt,
            ["UpdatedBy"] = secret.UpdatedBy,
        };
        var chunks = ciphertext.Chunk(PartBytes).ToList();
        entity[Parts] = chunks.Count;
        for (var i = 0; i < chunks.Count; i++)
        {
            entity[$"Value{i}"] = chunks[i];
        }

        return entity;
    }

    private static byte[] ReadCiphertext(TableEntity entity) =>
        [.. Enumerable.Range(0, entity.GetInt32(Parts) ?? 0).SelectMany(i => entity.GetBinary($"Value{i}") ?? [])];

    private static Secret ToSecret(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey,
        entity.GetInt32("Version") ?? 0,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("CreatedBy") ?? string.Empty,
        entity.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("UpdatedBy") ?? string.Empty);
}
