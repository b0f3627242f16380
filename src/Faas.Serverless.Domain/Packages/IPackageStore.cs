using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Domain.Packages;

public interface IPackageStore
{
    Task<Package?> GetAsync(string projectId, string packageId, CancellationToken cancellationToken = default);

    Task<Package?> FindByNameAsync(string projectId, string name, CancellationToken cancellationToken = default);

    Task<Page<Package>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default);

    Task<PackageRevision?> GetRevisionAsync(string projectId, string packageId, int revision, CancellationToken cancellationToken = default);

    Task<Page<PackageRevision>> ListRevisionsAsync(string projectId, string packageId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>Creates revision 1; a package of the same name gets a <see cref="ConflictException"/>.</summary>
    Task<Package> CreateAsync(PackageRevision first, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends revision <c>current.Version + 1</c> and moves the head to it atomically; if the head changed since
    /// <paramref name="current"/> was read, throws <see cref="PreconditionFailedException"/> and writes nothing.
    /// </summary>
    Task<Package> AddRevisionAsync(Package current, PackageSchema schema, CodebaseRef codebase, string creator, DateTimeOffset createdAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes the package and its revisions; refused with <see cref="ConflictException"/> while a service uses it.</summary>
    Task DeleteAsync(Package current, CancellationToken cancellationToken = default);

    /// <summary>Records that a service runs this package, which blocks deletion until the usage is removed.</summary>
    Task AddUsageAsync(Package current, string serviceId, CancellationToken cancellationToken = default);

    Task<bool> RemoveUsageAsync(string projectId, string packageId, string serviceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> ListUsageAsync(string projectId, string packageId, CancellationToken cancellationToken = default);
}

public interface ICodebaseStore
{
    /// <summary>Stores the zip under its hash unless that content is already stored.</summary>
    Task SaveAsync(CodebaseRef codebase, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Streams the zip; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(CodebaseRef codebase, CancellationToken cancellationToken = default);
}
