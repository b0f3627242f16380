namespace Faas.Serverless.Domain.Secrets;

/// <summary>
/// Project secrets, encrypted at rest by the adapter: values go in through <see cref="SetAsync"/> and come out only
/// through <see cref="RevealAsync"/>, for the runners of the services that name them.
/// </summary>
public interface ISecretStore
{
    /// <summary>Creates version 1 or replaces the value as version n+1.</summary>
    /// <param name="createOnly">When set, an existing secret is a <see cref="Common.ConflictException"/>.</param>
    /// <returns>The secret and whether it was created.</returns>
    Task<(Secret Secret, bool Created)> SetAsync(string projectId, string name, string value, string actor, bool createOnly, CancellationToken cancellationToken = default);

    Task<Secret?> GetAsync(string projectId, string name, CancellationToken cancellationToken = default);

    /// <summary>Every secret of the project, by name.</summary>
    Task<IReadOnlyList<Secret>> ListAsync(string projectId, CancellationToken cancellationToken = default);

    /// <returns>False when there was no such secret.</returns>
    Task<bool> DeleteAsync(string projectId, string name, CancellationToken cancellationToken = default);

    /// <summary>The values of <paramref name="names"/> that exist in the project; names that do not are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> RevealAsync(string projectId, IReadOnlyCollection<string> names, CancellationToken cancellationToken = default);
}
