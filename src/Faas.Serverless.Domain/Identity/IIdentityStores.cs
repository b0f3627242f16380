using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Domain.Identity;

public interface IOrganizationStore
{
    Task CreateAsync(Organization organization, CancellationToken cancellationToken = default);

    Task<Organization?> GetAsync(string organizationId, CancellationToken cancellationToken = default);

    Task<Page<Organization>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);

    Task SetMemberAsync(OrganizationMember member, CancellationToken cancellationToken = default);

    Task<OrganizationMember?> GetMemberAsync(string organizationId, string userId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganizationMember>> ListMembersAsync(string organizationId, CancellationToken cancellationToken = default);

    Task<bool> RemoveMemberAsync(string organizationId, string userId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Organization>> ListForUserAsync(string userId, CancellationToken cancellationToken = default);
}

public interface IUserStore
{
    /// <summary>Creates the user; a second user with the same email gets a <see cref="ConflictException"/>.</summary>
    Task CreateAsync(User user, CancellationToken cancellationToken = default);

    Task<User?> GetAsync(string userId, CancellationToken cancellationToken = default);

    Task<Page<User>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);
}

public interface IProjectStore
{
    /// <summary>Creates the project, with its first owner in the same atomic step when one is given.</summary>
    Task CreateAsync(Project project, ProjectMember? owner, CancellationToken cancellationToken = default);

    Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken = default);

    Task<Page<Project>> ListAsync(PageRequest page, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Project>> ListForUserAsync(string userId, CancellationToken cancellationToken = default);

    Task SetMemberAsync(ProjectMember member, CancellationToken cancellationToken = default);

    Task<ProjectMember?> GetMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProjectMember>> ListMembersAsync(string projectId, CancellationToken cancellationToken = default);

    Task<bool> RemoveMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default);
}

public interface IApiKeyStore
{
    Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default);

    Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string userId, string keyId, CancellationToken cancellationToken = default);
}
