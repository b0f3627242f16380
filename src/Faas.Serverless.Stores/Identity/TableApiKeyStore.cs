using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Identity;

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

    public async Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        await _users.AddEntityAsync(WithFields(new TableEntity(key.UserId, UserKeyPrefix + key.Id), key), cancellationToken);
        await _keys.AddEntityAsync(WithFields(new TableEntity(key.Hash, string.Empty), key), cancellationToken);
    }

    public async Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default)
    {
        var entity = await _keys.GetEntityAsync(hash, string.Empty, cancellationToken: cancellationToken);
        return entity is null ? null : ToKey(entity);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var keys = new List<ApiKey>();
        await foreach (var entity in _users.QueryAsync(TablePaging.PartitionRowKeyStartsWith(userId, UserKeyPrefix), cancellationToken: cancellationToken))
        {
            keys.Add(ToKey(entity));
        }

        return keys;
    }

    /// <summary>The lookup row goes first: once it is gone the key no longer authenticates, whatever happens next.</summary>
    public async Task<bool> DeleteAsync(string userId, string keyId, CancellationToken cancellationToken = default)
    {
        var index = await _users.GetEntityAsync(userId, UserKeyPrefix + keyId, cancellationToken: cancellationToken);
        if (index is null)
        {
            return false;
        }

        await StoreErrors.DeleteIfExistsAsync(_keys, ToKey(index).Hash, string.Empty, cancellationToken);
        return await StoreErrors.DeleteIfExistsAsync(_users, userId, index.RowKey, cancellationToken);
    }

    private static TableEntity WithFields(TableEntity entity, ApiKey key)
    {
        entity["KeyId"] = key.Id;
        entity["UserId"] = key.UserId;
        entity["Name"] = key.Name;
        entity["Hash"] = key.Hash;
        entity["CreatedAt"] = key.CreatedAt;
        entity["RunnerReplicaId"] = key.RunnerReplicaId;
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
