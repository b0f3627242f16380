namespace Faas.Serverless.Client.Models;

/// <summary>A project secret as the API shows it: names and versions, never the value.</summary>
/// <param name="Name">Its name, the environment variable workers get.</param>
/// <param name="Version">Counts changes of its value.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="UpdatedAt">When its value last changed.</param>
/// <param name="UpdatedBy">Who changed it.</param>
public sealed record Secret(string Name, int Version, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>What setting a secret did.</summary>
/// <param name="Secret">The secret after the change.</param>
/// <param name="RestartedServices">Services whose replicas restart to get the new value.</param>
public sealed record SecretChange(Secret Secret, IReadOnlyList<string> RestartedServices);
