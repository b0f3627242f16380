using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Api.Endpoints;

public sealed record CodebaseResponse(string Sha256, long SizeBytes, string Url);

/// <summary>A package as of one revision (the latest unless <c>?revision=</c> asked otherwise).</summary>
public sealed record PackageResponse(
    string Id,
    string ProjectId,
    string Name,
    int Version,
    int Revision,
    IReadOnlyList<ModuleSchema> Modules,
    CodebaseResponse Codebase,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator,
    string UpdatedBy)
{
    public static PackageResponse From(Package package, PackageRevision? revision = null) => new(
        package.Id,
        package.ProjectId,
        package.Name,
        package.Version,
        revision?.Revision ?? package.Version,
        (revision?.Schema ?? package.Schema).Modules,
        CodebaseResponse(package, revision?.Codebase ?? package.Codebase, revision?.Revision ?? package.Version),
        package.CreatedAt,
        revision?.CreatedAt ?? package.UpdatedAt,
        package.Creator,
        revision?.Creator ?? package.UpdatedBy);

    internal static CodebaseResponse CodebaseResponse(Package package, CodebaseRef codebase, int revision) => new(
        codebase.Sha256,
        codebase.SizeBytes,
        $"/api/v1/projects/{package.ProjectId}/packages/{package.Id}/codebase?revision={revision}");
}

public sealed record PackageRevisionResponse(
    string PackageId,
    int Revision,
    IReadOnlyList<ModuleSchema> Modules,
    CodebaseResponse Codebase,
    DateTimeOffset CreatedAt,
    string Creator)
{
    public static PackageRevisionResponse From(Package package, PackageRevision revision) => new(
        revision.PackageId,
        revision.Revision,
        revision.Schema.Modules,
        PackageResponse.CodebaseResponse(package, revision.Codebase, revision.Revision),
        revision.CreatedAt,
        revision.Creator);
}
