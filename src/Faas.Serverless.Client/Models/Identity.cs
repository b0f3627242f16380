namespace Faas.Serverless.Client.Models;

/// <summary>Who an API key belongs to (<c>GET /api/v1/me</c>).</summary>
/// <param name="Id">The caller's id; <c>admin</c> for the platform admin.</param>
/// <param name="IsAdmin">Whether the key is the admin key.</param>
/// <param name="User">The user, null for the admin.</param>
public sealed record Caller(string Id, bool IsAdmin, User? User);

/// <summary>A user or bot.</summary>
/// <param name="Id">The user id.</param>
/// <param name="Email">The email, unique regardless of case.</param>
/// <param name="Name">The display name.</param>
/// <param name="IsBot">Whether it is a bot.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Creator">Who created it.</param>
public sealed record User(string Id, string Email, string Name, bool IsBot, DateTimeOffset CreatedAt, string? Creator);

/// <summary>An organization: owns projects and holds who may join them.</summary>
/// <param name="Id">The organization id.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Creator">Who created it.</param>
public sealed record Organization(string Id, string Name, DateTimeOffset CreatedAt, string? Creator);

/// <summary>A member of an organization.</summary>
/// <param name="OrganizationId">The organization.</param>
/// <param name="UserId">The user.</param>
/// <param name="Role"><c>Member</c> or <c>Owner</c>.</param>
/// <param name="AddedAt">When they were added.</param>
public sealed record OrganizationMember(string OrganizationId, string UserId, string Role, DateTimeOffset AddedAt);

/// <summary>A member of a project.</summary>
/// <param name="ProjectId">The project.</param>
/// <param name="UserId">The user.</param>
/// <param name="Role"><c>Viewer</c>, <c>Annotator</c>, <c>Developer</c> or <c>Owner</c>.</param>
/// <param name="AddedAt">When they were added.</param>
public sealed record ProjectMember(string ProjectId, string UserId, string Role, DateTimeOffset AddedAt);

/// <summary>An API key as listings show it: never its secret.</summary>
/// <param name="Id">The key id.</param>
/// <param name="UserId">Whose key it is.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record ApiKey(string Id, string UserId, string Name, DateTimeOffset CreatedAt);

/// <summary>A newly issued API key: <paramref name="Key"/> is shown only once.</summary>
/// <param name="Id">The key id.</param>
/// <param name="UserId">Whose key it is.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="Key">The secret to send as <c>Authorization: Bearer</c>.</param>
public sealed record IssuedApiKey(string Id, string UserId, string Name, DateTimeOffset CreatedAt, string Key);
