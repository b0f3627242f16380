using Azure.Data.Tables;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Identity;

/// <summary>
/// Keys are found by hash (one partition per hash, a point read on every authenticated request) and listed per
/// user from index rows in the user's partition of the users table.
/// </summary>
public sealed class TableApiKeyStore(StoreTables tables) : IApiKeyStore
{
    private const string UserKeyPrefix = "apikey|";
    private readonly TableClient _keys = tables.ApiKeys;
    private readonly TableClient _users = tables.Users;

    public Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                await _users.AddEntityAsync(WithFields(new TableEntity(key.UserId, UserKeyPrefix + key.Id), key), cancellationToken);
                await _keys.AddEntityAsync(WithFields(new TableEntity(key.Hash, string.Empty), key), cancellationToken);
            },
            "creating an API key");

    public Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () => await StoreErrors.GetAsync(_keys, hash, string.Empty, cancellationToken: cancellationToken) is { } entity ? ToKey(entity) : null,
            "reading an API key");

    public Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<ApiKey>>(
            async () =>
            {
                var keys = new List<ApiKey>();
                await foreach (var entity in _users.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(userId, UserKeyPrefix), cancellationToken: cancellationToken))
                {
                    keys.Add(ToKey(entity));
                }

                return keys;
            },
            "listing API keys");

    /// <summary>The lookup row goes first: once it is gone the key no longer authenticates, whatever happens next.</summary>
    public Task<bool> DeleteAsync(string userId, string keyId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                if (await StoreErrors.GetAsync(_users, userId, UserKeyPrefix + keyId, cancellationToken: cancellationToken) is not { } index)
                {
                    return false;
                }

                await StoreErrors.DeleteIfExistsAsync(_keys, ToKey(index).Hash, string.Empty, cancellationToken);
                return await StoreErrors.DeleteIfExistsAsync(_users, userId, index.RowKey, cancellationToken);
            },
            "deleting an API key");

    private static TableEntity WithFields(TableEntity entity, ApiKey key)
    {
        entity["KeyId"] = key.Id;
        entity["UserId"] = key.UserId;
        entity["Name"] = key.Name;
        entity["Hash"] = key.Hash;
        entity["CreatedAt"] = key.CreatedAt;
        if (key.RunnerReplicaId is { } replicaId)
        {
            entity["RunnerReplicaId"] = replicaId;
        }

        return entity;
    }

    private static ApiKey ToKey(TableEntity entity) => new(
        entity.GetString("KeyId") ?? string.Empty,
        entity.GetString("UserId") ?? string.Empty,
        entity.GetString("Name") ?? string.Empty,
        entity.GetString("Hash") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue)
    {
        RunnerReplicaId = entity.GetString("RunnerReplicaId"),
    };
}
