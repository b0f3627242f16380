namespace Faas.Serverless.Domain.Secrets;

/// <summary>What may be shown of a project secret: everything but its value.</summary>
/// <param name="Version">1 when created, one more on every change of the value.</param>
public sealed record Secret(
    string ProjectId,
    string Name,
    int Version,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset UpdatedAt,
    string UpdatedBy);

/// <summary>The outcome of setting a secret and the services restarted for it.</summary>
/// <param name="Created">True when the secret did not exist before.</param>
public sealed record SecretChange(Secret Secret, bool Created, IReadOnlyList<string> RestartedServices);
