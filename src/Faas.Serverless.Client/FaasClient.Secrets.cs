using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Client;

public sealed partial class FaasClient
{
    /// <summary>Creates or replaces a secret; the services that name it restart with the new value.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="name">The name, <c>[A-Z_][A-Z0-9_]*</c>.</param>
    /// <param name="value">The value, at most 64 KiB; never answered back.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<SecretChange> SetSecretAsync(string projectId, string name, string value, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SecretChange>(HttpMethod.Put, SecretPath(projectId, name), new { value }, cancellationToken);

    /// <summary>Lists a project's secrets: names and versions only.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public IAsyncEnumerable<Secret> ListSecretsAsync(string projectId, CancellationToken cancellationToken = default) =>
        ListAsync<Secret>(ProjectPath(projectId) + "/secrets", QueryString.Empty, null, cancellationToken);

    /// <summary>Reads a secret's name and version.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task<Secret> GetSecretAsync(string projectId, string name, CancellationToken cancellationToken = default) =>
        GetAsync<Secret>(SecretPath(projectId, name), cancellationToken);

    /// <summary>Deletes a secret; the services that name it restart without it.</summary>
    /// <param name="projectId">The project.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    public Task DeleteSecretAsync(string projectId, string name, CancellationToken cancellationToken = default) =>
        DeleteAsync(SecretPath(projectId, name), cancellationToken);

    private static string SecretPath(string projectId, string name) => ProjectPath(projectId) + "/secrets/" + Escape(name);
}
