using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Domain.Services;

/// <summary>Something that happened to a service that its versions do not tell, such as a restart for a secret.</summary>
/// <param name="Type">What happened, e.g. <see cref="ServiceEventTypes.SecretUpdated"/>.</param>
/// <param name="Subject">What it happened to, e.g. the secret's name.</param>
/// <param name="ServiceVersion">The version the service runs after the event.</param>
public sealed record ServiceEvent(
    string Id,
    string ProjectId,
    string ServiceId,
    string Type,
    string Subject,
    string Message,
    int ServiceVersion,
    string Actor,
    DateTimeOffset CreatedAt);

public static class ServiceEventTypes
{
    public const string SecretUpdated = "SecretUpdated";
    public const string SecretDeleted = "SecretDeleted";
}

public interface IServiceEventStore
{
    Task AddAsync(ServiceEvent serviceEvent, CancellationToken cancellationToken = default);

    /// <summary>The service's events, oldest first.</summary>
    Task<Page<ServiceEvent>> ListAsync(string projectId, string serviceId, PageRequest page, CancellationToken cancellationToken = default);
}
