using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Lists the projects the caller may see (every project for the admin), page by page.</summary>
    /// <param name="pageSize">Items per request (1-500).</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Project> ListProjectsAsync(int? pageSize = null, CancellationToken cancellationToken = default) =>
        ListAsync<Project>("api/v1/projects", QueryString.Empty, pageSize, cancellationToken);

    /// <summary>Reads a project; <c>404</c> when it does not exist or the caller is not a member.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Project> GetProjectAsync(string projectId, CancellationToken cancellationToken = default) =>
        GetAsync<Project>(ProjectPath(projectId), cancellationToken);

    /// <summary>Creates a project in an organization; a user calling this becomes its Owner.</summary>
    /// <param name="name">Its name.</param>
    /// <param name="organizationId">The organization it belongs to.</param>
    /// <param name="ownerId">Admin only: the member who owns it.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Project> CreateProjectAsync(string name, string organizationId, string? ownerId = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<Project>(HttpMethod.Post, "api/v1/projects", new { name, organizationId, ownerId }, cancellationToken);

    /// <summary>Lists a project's members.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<ProjectMember> ListProjectMembersAsync(string projectId, CancellationToken cancellationToken = default) =>
        ListAsync<ProjectMember>(ProjectPath(projectId) + "/members", QueryString.Empty, null, cancellationToken);

    /// <summary>Adds a member to a project or changes their role (Owner only).</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="userId">The user, a member of the project's organization.</param>
    /// <param name="role"><c>Viewer</c>, <c>Annotator</c>, <c>Developer</c> or <c>Owner</c>.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<ProjectMember> SetProjectMemberAsync(string projectId, string userId, string role, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ProjectMember>(HttpMethod.Put, ProjectPath(projectId) + "/members/" + Escape(userId), new { userId, role }, cancellationToken);

    /// <summary>Removes a member from a project (Owner only).</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="userId">The member.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task RemoveProjectMemberAsync(string projectId, string userId, CancellationToken cancellationToken = default) =>
        DeleteAsync(ProjectPath(projectId) + "/members/" + Escape(userId), cancellationToken);
}
