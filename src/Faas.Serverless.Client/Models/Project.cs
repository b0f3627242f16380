namespace Faas.Serverless.Client.Models;

/// <summary>A project: holds packages, services, triggers and bots.</summary>
/// <param name="Id">The project id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="OrganizationId">The organization it belongs to.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Creator">Who created it.</param>
public sealed record Project(string Id, string Name, string OrganizationId, DateTimeOffset CreatedAt, string? Creator);
