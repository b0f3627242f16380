namespace Faas.Serverless.Domain.Packages;

/// <summary>A codebase zip, stored once per content hash however many revisions share it.</summary>
public sealed record CodebaseRef(string Sha256, long SizeBytes);

/// <summary>The head of a package: its latest revision plus the concurrency token for the next change.</summary>
public sealed record Package(
    string Id,
    string ProjectId,
    string Name,
    int Version,
    PackageSchema Schema,
    CodebaseRef Codebase,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator,
    string UpdatedBy,
    string ETag);

/// <summary>An immutable snapshot: revision n is what the package was after its n-th push or update.</summary>
public sealed record PackageRevision(
    string PackageId,
    string ProjectId,
    int Revision,
    PackageSchema Schema,
    CodebaseRef Codebase,
    DateTimeOffset CreatedAt,
    string Creator);

/// <summary>The outcome of a push: the package as of its latest revision, and whether the push added that revision.</summary>
/// <param name="Created">False when the latest revision already had the pushed schema and codebase.</param>
public sealed record PackagePush(Package Package, bool Created);
