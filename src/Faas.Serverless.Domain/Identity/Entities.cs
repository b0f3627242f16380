namespace Faas.Serverless.Domain.Identity;

public sealed record Organization(string Id, string Name, DateTimeOffset CreatedAt, string Creator);

public sealed record User(string Id, string Email, string Name, bool IsBot, DateTimeOffset CreatedAt, string Creator);

public sealed record Project(string Id, string Name, string OrganizationId, DateTimeOffset CreatedAt, string Creator);

public sealed record OrganizationMember(string OrganizationId, string UserId, OrganizationRole Role, DateTimeOffset AddedAt);

public sealed record ProjectMember(string ProjectId, string UserId, ProjectRole Role, DateTimeOffset AddedAt);

/// <summary>What is kept of an API key: never the secret, only its hash.</summary>
public sealed record ApiKey(string Id, string UserId, string Name, string Hash, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The replica process a runner key was issued for (null for keys people create): such a key lives only as long
    /// as that process, and the local host revokes any it finds without one.
    /// </summary>
    public string? RunnerReplicaId { get; init; }
}
