using Azure.Data.Tables;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Storage;

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

    public Task CreateAsync(Project project, ProjectMember? owner, CancellationToken cancellationToken = default)
    {
        var row = new TableEntity(project.Id, string.Empty)
        {
            ["Name"] = project.Name,
            ["OrganizationId"] = project.OrganizationId,
            ["CreatedAt"] = project.CreatedAt,
            ["Creator"] = project.Creator,
        };
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row) };
        return StorageFailure.TranslateAsync(
            async () =>
            {
                if (owner is not null)
                {
                    await _users.UpsertEntityAsync(ToUserIndex(owner), TableUpdateMode.Replace, cancellationToken);
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToMemberRow(owner)));
                }

                try
                {
                    await _projects.SubmitTransactionAsync(actions, cancellationToken);
                }
                catch (Azure.RequestFailedException ex) when (ex.IsConflict())
                {
                    throw new ConflictException($"Project '{project.Id}' already exists.");
                }
            },
            "creating a project");
    }

    public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadAsync(projectId, cancellationToken), "reading a project");

    public Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => TablePaging.ReadPageAsync(_projects, "RowKey eq ''", page, ToProject, cancellationToken), "listing projects");

    public Task<IReadOnlyList<Project>> ListForUserAsync(string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<Project>>(
            async () =>
            {
                var projects = new List<Project>();
                await foreach (var index in _users.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(userId, UserProjectPrefix), cancellationToken: cancellationToken))
                {
                    var projectId = index.RowKey[UserProjectPrefix.Length..];
                    // The index is written first, so it may name a membership that was never completed or was removed.
                    if (await ReadMemberAsync(projectId, userId, cancellationToken) is not null
                        && await ReadAsync(projectId, cancellationToken) is { } project)
                    {
                        projects.Add(project);
                    }
                }

                return projects;
            },
            "listing a user's projects");

    public Task SetMemberAsync(ProjectMember member, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                await _users.UpsertEntityAsync(ToUserIndex(member), TableUpdateMode.Replace, cancellationToken);
                await _projects.UpsertEntityAsync(ToMemberRow(member), TableUpdateMode.Replace, cancellationToken);
            },
            "setting a project member");

    public Task<ProjectMember?> GetMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => ReadMemberAsync(projectId, userId, cancellationToken), "reading a project member");

    public Task<IReadOnlyList<ProjectMember>> ListMembersAsync(string projectId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync<IReadOnlyList<ProjectMember>>(
            async () =>
            {
                var members = new List<ProjectMember>();
                await foreach (var entity in _projects.QueryAsync<TableEntity>(TablePaging.PartitionRowKeyStartsWith(projectId, MemberPrefix), cancellationToken: cancellationToken))
                {
                    members.Add(ToMember(entity));
                }

                return members;
            },
            "listing project members");

    public Task<bool> RemoveMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                var removed = await StoreErrors.DeleteIfExistsAsync(_projects, projectId, MemberPrefix + userId, cancellationToken);
                await StoreErrors.DeleteIfExistsAsync(_users, userId, UserProjectPrefix + projectId, cancellationToken);
                return removed;
            },
            "removing a project member");

    private async Task<Project?> ReadAsync(string projectId, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_projects, projectId, string.Empty, cancellationToken: cancellationToken) is { } entity ? ToProject(entity) : null;

    private async Task<ProjectMember?> ReadMemberAsync(string projectId, string userId, CancellationToken cancellationToken) =>
        await StoreErrors.GetAsync(_projects, projectId, MemberPrefix + userId, cancellationToken: cancellationToken) is { } entity ? ToMember(entity) : null;

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
