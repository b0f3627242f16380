using Faas.Serverless.AzureStorage;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;

namespace Faas.Serverless.Stores.Identity;

/// <summary>
/// One partition per project: the project row (empty RowKey) and its member rows. Each membership is mirrored
/// in the user's partition of the users table so that "my projects" is a single-partition query.
/// </summary>
public sealed class TableProjectStore(StoreTables tables) : IProjectStore
{
    private const string MemberPrefix = "member|";
    private const string UserProjectPrefix = "project|";
    private readonly TableClient _projects = tables.Projects;
    private readonly TableClient _users = tables.Users;

    public async Task CreateAsync(Project project, ProjectMember? owner, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(project.Id, string.Empty)
        {
            ["Name"] = project.Name,
            ["OrganizationId"] = project.OrganizationId,
            ["CreatedAt"] = project.CreatedAt,
            ["Creator"] = project.Creator,
        };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row) };
        if (owner is not null)
        {
            await _users.UpsertEntityAsync(ToUserIndex(owner), TableUpdateMode.Replace, cancellationToken);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToMemberRow(owner)));
        }

        try
        {
            await _projects.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (StorageException ex) when (ex.IsConflict)
        {
            throw new ConflictException($"Project '{project.Id}' already exists.");
        }
    }

    public async Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var entity = await _projects.GetEntityAsync(projectId, string.Empty, cancellationToken: cancellationToken);
        return entity is null ? null : ToProject(entity);
    }

    public Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        TablePaging.ReadPageAsync(_projects, "RowKey eq ''", page, ToProject, cancellationToken);

    public async Task<IReadOnlyList<Project>> ListForUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var projects = new List<Project>();
        var filter = TablePaging.PartitionRowKeyStartsWith(userId, UserProjectPrefix);
        await foreach (var index in _users.QueryAsync(filter, cancellationToken: cancellationToken))
        {
            var projectId = index.RowKey[UserProjectPrefix.Length..];
            // The index is written first, so it may name a membership that was never completed or was removed.
            if (await GetMemberAsync(projectId, userId, cancellationToken) is not null
                && await GetAsync(projectId, cancellationToken) is { } project)
            {
                projects.Add(project);
            }
        }

        return projects;
    }

    public async Task SetMemberAsync(ProjectMember member, CancellationToken cancellationToken = default)
    {
        await _users.UpsertEntityAsync(ToUserIndex(member), TableUpdateMode.Replace, cancellationToken);
        await _projects.UpsertEntityAsync(ToMemberRow(member), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ProjectMember?> GetMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default)
    {
        var entity = await _projects.GetEntityAsync(projectId, MemberPrefix + userId, cancellationToken: cancellationToken);
        return entity is null ? null : ToMember(entity);
    }

    public async Task<IReadOnlyList<ProjectMember>> ListMembersAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var members = new List<ProjectMember>();
        await foreach (var entity in _projects.QueryAsync(TablePaging.PartitionRowKeyStartsWith(projectId, MemberPrefix), cancellationToken: cancellationToken))
        {
            members.Add(ToMember(entity));
        }

        return members;
    }

    public async Task<bool> RemoveMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default)
    {
        var removed = await StoreErrors.DeleteIfExistsAsync(_projects, projectId, MemberPrefix + userId, cancellationToken);
        await StoreErrors.DeleteIfExistsAsync(_users, userId, UserProjectPrefix + projectId, cancellationToken);
        return removed;
    }

    private static TableEntity ToMemberRow(ProjectMember member) => new(member.ProjectId, MemberPrefix + member.UserId)
    {
        ["Role"] = member.Role.ToString(),
        ["AddedAt"] = member.AddedAt,
    };

    private static TableEntity ToUserIndex(ProjectMember member) => new(member.UserId, UserProjectPrefix + member.ProjectId);

    private static Project ToProject(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("Name") ?? string.Empty,
        entity.GetString("OrganizationId") ?? string.Empty,
        entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("Creator") ?? string.Empty);

    private static ProjectMember ToMember(TableEntity entity) => new(
        entity.PartitionKey,
        entity.RowKey[MemberPrefix.Length..],
        Enum.Parse<ProjectRole>(entity.GetString("Role") ?? nameof(ProjectRole.Viewer)),
        entity.GetDateTimeOffset("AddedAt") ?? DateTimeOffset.MinValue);
}
