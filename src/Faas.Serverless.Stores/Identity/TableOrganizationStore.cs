using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;

namespace Faas.Serverless.Stores.Identity;

/// <summary>One partition per organization: the organization row (empty RowKey) and its member rows.</summary>
public sealed class TableOrganizationStore(StoreTables tables) : IOrganizationStore
{
    private const string MemberPrefix = "member|";
    private const string UserOrganizationPrefix = "organization|";
    private readonly TableClient _table = tables.Organizations;
    private readonly TableClient _users = tables.Users;

    public async Task CreateAsync(Organization organization, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(organization.Id, string.Empty)
        {
            ["Name"] = organization.Name,
            ["CreatedAt"] = organization.CreatedAt,
            ["Creator"] = organization.Creator,
        };
        await StoreErrors.AddAsync(_table, entity, $"Organization '{organization.Id}' already exists.", cancellationToken);
    }

    public async Task<Organization?> GetAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(organizationId, string.Empty, cancellationToken: cancellationToken);
        return entity is null ? null : ToOrganization(entity);
    }

    public Task<Page<Organization>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_table, "RowKey eq ''", page, ToOrganization, cancellationToken);

    public async Task SetMemberAsync(OrganizationMember member, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(member.OrganizationId, MemberPrefix + member.UserId)
        {
            ["Role"] = member.Role.ToString(),
            ["AddedAt"] = member.AddedAt,
        };
        await _users.UpsertEntityAsync(new TableEntity(member.UserId, UserOrganizationPrefix + member.OrganizationId), TableUpdateMode.Replace, cancellationToken);
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<OrganizationMember?> GetMemberAsync(string organizationId, string userId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityAsync(organizationId, MemberPrefix + userId, cancellationToken: cancellationToken);
        return entity is null ? null : ToMember(entity);
    }

    public async Task<IReadOnlyList<OrganizationMember>> ListMembersAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var filter = TablePaging.PartitionRowKeyStartsWith(organizationId, MemberPrefix);
        var members = new List<OrganizationMember>();
        await foreach (var entity in _table.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            members.Add(ToMember(entity));
        }

        return members;
    }

    public async Task<bool> RemoveMemberAsync(string organizationId, string userId, CancellationToken cancellationToken = default)
    {
        var removed = await StoreErrors.DeleteIfExistsAsync(_table, organizationId, MemberPrefix + userId, cancellationToken);
        await StoreErrors.DeleteIfExistsAsync(_users, userId, UserOrganizationPrefix + organizationId, cancellationToken);
        return removed;
    }

    public async Task<IReadOnlyList<Organization>> ListForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var organizations = new List<Organization>();
        await foreach (var index in _users.QueryAsync(TablePaging.PartitionRowKeyStartsWith(userId, UserOrganizationPrefix), cancellationToken: cancellationToken))
        {
            var organizationId = index.RowKey[UserOrganizationPrefix.Length..];
            // The index row is written first, so it may outlive a membership that was never completed.
            if (await GetMemberAsync(organizationId, userId, cancellationToken) is not null
                && await GetAsync(organizationId, cancellationToken) is { } organization)
            {
                organizations.Add(organization);
            }
        }

        return organizations;
    }

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
