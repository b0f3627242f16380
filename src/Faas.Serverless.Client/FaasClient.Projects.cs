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
}
