using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Identity;

/// <summary>
/// One partition per user (the user row plus the user's project and API key index rows) and one partition per
/// email, which makes email uniqueness an insert conflict instead of a scan.
/// </summary>
public sealed class TableUserStore(StoreTables tables) : IUserStore
{
    private const string UserKind = "user";
    private readonly TableClient _table = tables.Users;

    public Task CreateAsync(User user, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                await ReserveEmailAsync(user, cancellationToken);
                var entity = new TableEntity(user.Id, string.Empty)
                {
                    ["Kind"] = UserKind,
                    ["Email"] = user.Email,
                    ["Name"] = user.Name,
                    ["IsBot"] = user.IsBot,
                    ["CreatedAt"] = user.CreatedAt,
                    ["Creator"] = user.Creator,
                };
                await StoreErrors.AddAsync(_table, entity, $"User '{user.Id}' already exists.", cancellationToken);
            },
            "creating a user");

    public Task<User?> GetAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadAsync(userId, cancellationToken), "reading a user");

    public Task<Page<User>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => TablePaging.ReadPageAsync(_table, TableClient.CreateQueryFilter($"RowKey eq {string.Empty} and Kind eq {UserKind}"), page, ToUser, cancellationToken),
            "listing users");

    private async Task<User?> ReadAsync(string userId, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_table, userId, string.Empty, cancellationToken: cancellationToken) is { } entity ? ToUser(entity) : null;

    /// <summary>
    /// The email row is written before the user row; a crash in between leaves a reservation that points at no
    /// user, which the next attempt with that email takes over.
    /// </summary>
    private async Task ReserveEmailAsync(User user, CancellationToken cancellationToken)
    {
        var reservation = new TableEntity(EmailKey(user.Email), string.Empty) { ["UserId"] = user.Id };
        try
        {
            await _table.AddEntityAsync(reservation, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.IsConflict())
        {
            var existing = await StoreErrors.GetAsync(_table, reservation.PartitionKey, string.Empty, cancellationToken: cancellationToken);
            var ownerId = existing?.GetString("UserId");
            if (existing is null || (ownerId is not null && await ReadAsync(ownerId, cancellationToken) is not null))
            {
                throw new ConflictException($"A user with email '{user.Email}' already exists.");
            }

            try
            {
                await _table.UpdateEntityAsync(reservation, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (Azure.RequestFailedException inner) when (inner.IsPreconditionFailed() || inner.IsNotFound())
            {
                throw new ConflictException($"A user with email '{user.Email}' is being created concurrently.");
            }
        }
    }

    private static string EmailKey(string email) =>
        "email|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToUpperInvariant())));

    private static User ToUser(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Email") ?? string.Empty,
        entity.GetString("Name") ?? string.Empty,
        entity.GetBoolean("IsBot") ?? false,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty);
}
