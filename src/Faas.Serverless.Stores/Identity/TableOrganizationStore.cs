using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores.Identity;

/// <summary>One partition per organization: the organization row (empty RowKey) and its member rows.</summary>
public sealed class TableOrganizationStore(StoreTables tables) : IOrganizationStore
{
    private const string MemberPrefix = "member|";
    private const string UserOrganizationPrefix = "organization|";
    private readonly TableClient _table = tables.Organizations;
    private readonly TableClient _users = tables.Users;

    public Task CreateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(organization.Id, string.Empty)
        {
            ["Name"] = organization.Name,
            ["CreatedAt"] = organization.CreatedAt,
            ["Creator"] = organization.Creator,
        };
        return StorageFailure.TranslateAsync(
            () => StoreErrors.AddAsync(_table, entity, $"Organization '{organization.Id}' already exists.", cancellationToken),
            "creating an organization");
    }

    public Task<Organization?> GetAsync(string organizationId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadAsync(organizationId, cancellationToken), "reading an organization");

    public Task<Page<Organization>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => TablePaging.ReadPageAsync(_table, "RowKey eq ''", page, ToOrganization, cancellationToken), "listing organizations");

    public Task SetMemberAsync(OrganizationMember member, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(member.OrganizationId, MemberPrefix + member.UserId)
        {
            ["Role"] = member.Role.ToString(),
            ["AddedAt"] = member.AddedAt,
        };
        return StorageFailure.TranslateAsync(
            async () =>
            {
                await _users.UpsertEntityAsync(new TableEntity(member.UserId, UserOrganizationPrefix + member.OrganizationId), TableUpdateMode.Replace, cancellationToken);
                await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            },
            "setting an organization member");
    }

    public Task<OrganizationMember?> GetMemberAsync(string organizationId, string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadMemberAsync(organizationId, userId, cancellationToken), "reading an organization member");

    public Task<IReadOnlyList<OrganizationMember>> ListMembersAsync(string organizationId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<OrganizationMember>>(
            async () =>
            {
                var members = new List<OrganizationMember>();
                await foreach (var entity in _table.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(organizationId, MemberPrefix), cancellationToken: cancellationToken))
                {
                    members.Add(ToMember(entity));
                }

                return members;
            },
            "listing organization members");

    public Task<bool> RemoveMemberAsync(string organizationId, string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var removed = await StoreErrors.DeleteIfExistsAsync(_table, organizationId, MemberPrefix + userId, cancellationToken);
                await StoreErrors.DeleteIfExistsAsync(_users, userId, UserOrganizationPrefix + organizationId, cancellationToken);
                return removed;
            },
            "removing an organization member");

    public Task<IReadOnlyList<Organization>> ListForUserAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<Organization>>(
            async () =>
            {
                var organizations = new List<Organization>();
                await foreach (var index in _users.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(userId, UserOrganizationPrefix), cancellationToken: cancellationToken))
                {
                    var organizationId = index.RowKey[UserOrganizationPrefix.Length..];
                    // The index row is written first, so it may outlive a membership that was never completed.
                    if (await ReadMemberAsync(organizationId, userId, cancellationToken) is not null
                        && await ReadAsync(organizationId, cancellationToken) is { } organization)
                    {
                        organizations.Add(organization);
                    }
                }

                return organizations;
            },
            "listing a user's organizations");

    private async Task<Organization?> ReadAsync(string organizationId, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_table, organizationId, string.Empty, cancellationToken: cancellationToken) is { } entity ? ToOrganization(entity) : null;

    private async Task<OrganizationMember?> ReadMemberAsync(string organizationId, string userId, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_table, organizationId, MemberPrefix + userId, cancellationToken: cancellationToken) is { } entity ? ToMember(entity) : null;

    private static Organization ToOrganization(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty);

    private static OrganizationMember ToMember(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey[MemberPrefix.Length..],
        Enum.Parse<OrganizationRole>(entity.GetString("Role") ?? nameof(OrganizationRole.Member)),
        entity.GetDateTimeOffset("AddedAt") ?? DateTimeOffset.MinValue);
}
