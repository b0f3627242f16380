using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Secrets;

/// <summary>
/// Sets and deletes project secrets. A change reaches the services that name the secret by redeploying them as a new
/// version (their replicas are replaced, the old ones draining), and each such restart is recorded as a service event.
/// </summary>
public sealed class SecretManager(ISecretStore secrets, IServiceStore services, ServiceManager manager, IServiceEventStore events, TimeProvider clock)
{
    public async Task<SecretChange> SetAsync(string projectId, string name, string? value, string actor, bool createOnly, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        if (SecretRules.NameProblem(name) is { } nameProblem)
        {
            errors.Add("name", nameProblem);
        }

        if (SecretRules.ValueProblem(value) is { } valueProblem)
        {
            errors.Add("value", valueProblem);
        }

        if (!errors.IsEmpty)
        {
            throw new ValidationFailedException(errors);
        }

        var (secret, created) = await secrets.SetAsync(projectId, name, value!, actor, createOnly, cancellationToken);
        var restarted = await RestartUsersAsync(projectId, name, ServiceEventTypes.SecretUpdated, $"Secret {name} was set (version {secret.Version})", actor, cancellationToken);
        return new SecretChange(secret, created, restarted);
    }

    /// <returns>The services restarted, or null when there was no such secret.</returns>
    public async Task<IReadOnlyList<string>?> DeleteAsync(string projectId, string name, string actor, CancellationToken cancellationToken = default)
    {
        if (SecretRules.NameProblem(name) is { } problem)
        {
            var errors = new ValidationErrors();
            errors.Add("name", problem);
            throw new ValidationFailedException(errors);
        }

        if (!await secrets.DeleteAsync(projectId, name, cancellationToken))
        {
            return null;
        }

        return await RestartUsersAsync(projectId, name, ServiceEventTypes.SecretDeleted, $"Secret {name} was deleted", actor, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> RestartUsersAsync(string projectId, string name, string type, string what, string actor, CancellationToken cancellationToken)
    {
        var restarted = new List<string>();
        foreach (var service in await UsersAsync(projectId, name, cancellationToken))
        {
            // A stopped service has no replicas: it reads the new value when it is started.
            var running = service.Active ? await manager.RestartAsync(projectId, service.Id, actor, cancellationToken) : null;
            if (service.Active && running is null)
            {
                continue;
            }

            var message = running is null
                ? $"{what}; the service is stopped, so its replicas get it when it is started."
                : $"{what}; replicas restart as version {running.Version}, the old ones draining for up to {running.Spec.DrainTime} s.";
            await events.AddAsync(new ServiceEvent(Ids.New(), projectId, service.Id, type, name, message, running?.Version ?? service.Version, actor, clock.GetUtcNow()), cancellationToken);
            if (running is not null)
            {
                restarted.Add(service.Id);
            }
        }

        return restarted;
    }

    private async Task<List<Service>> UsersAsync(string projectId, string name, CancellationToken cancellationToken)
    {
        var users = new List<Service>();
        string? token = null;
        do
        {
            var page = await services.ListAsync(projectId, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
            users.AddRange(page.Items.Where(service => !service.Deleting && service.Spec.Secrets.Contains(name, StringComparer.Ordinal)));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return users;
    }
}
