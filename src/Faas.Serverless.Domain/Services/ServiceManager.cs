using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Services;

/// <summary>
/// Service lifecycle: deploy, update (a new version per change), roll back, pause, resume and delete. Changes
/// are committed against the head's ETag; with If-Match a stale head is refused, without it the change is
/// re-applied to the newest head.
/// </summary>
public sealed class ServiceManager(
    IServiceStore services,
    IPackageStore packages,
    ServiceSpecBuilder specs,
    BotService bots,
    IServiceChangeNotifier notifier,
    TimeProvider clock)
{
    private const int MaxAttempts = 10;

    public async Task<Service> CreateAsync(Project project, ServiceRequest request, string creator, CancellationToken cancellationToken = default)
    {
        var nameProblem = request.Name is null ? "name is required."
            : !Identifiers.IsValidName(request.Name) ? $"Service name '{request.Name}' is invalid: it {Identifiers.NameRule}."
            : null;
        var spec = await BuildOrCollectAsync(project, request, current: null, nameProblem, cancellationToken);
        string? createdBot = null;
        if (spec.BotUserId.Length == 0)
        {
            createdBot = (await bots.CreateAsync(project, $"{request.Name} bot", creator, cancellationToken)).Bot.Id;
            spec = spec with { BotUserId = createdBot };
        }

        var now = clock.GetUtcNow();
        var service = new Service(Ids.New(), project.Id, request.Name!, spec, Active: true, Deleting: false, Version: 1, now, now, creator, string.Empty);
        try
        {
            await RetryOnStaleAsync(
                async () =>
                {
                    var package = await packages.GetAsync(project.Id, spec.PackageId, cancellationToken)
                        ?? throw new ValidationFailedException(Error("packageId", $"Package '{spec.PackageId}' was deleted."));
                    await packages.AddUsageAsync(package, service.Id, cancellationToken);
                    return true;
                },
                retry: true);
            service = await services.CreateAsync(service, cancellationToken);
        }
        catch
        {
            // Nothing of a failed deploy may linger: a usage would block deleting the package, a bot would hold access.
            await packages.RemoveUsageAsync(project.Id, spec.PackageId, service.Id, CancellationToken.None);
            if (createdBot is not null)
            {
                await bots.RemoveAsync(project.Id, createdBot, CancellationToken.None);
            }

            throw;
        }

        notifier.ServiceChanged(service.Id);
        return service;
    }

    /// <returns>The new head, or null when the service does not exist.</returns>
    public Task<Service?> UpdateAsync(Project project, string serviceId, ServiceRequest request, string? ifMatch, string updater, CancellationToken cancellationToken = default) =>
        ChangeAsync(project.Id, serviceId, ifMatch, async current =>
        {
            var nameProblem = request.Name is not null && request.Name != current.Name ? "A service cannot be renamed." : null;
            var spec = await BuildOrCollectAsync(project, request, current.Spec, nameProblem, cancellationToken);
            return await services.UpdateAsync(current, spec, updater, clock.GetUtcNow(), cancellationToken);
        },
        cancellationToken);

    /// <summary>Deploys the spec of an earlier version again, as a new version.</summary>
    public Task<Service?> RollbackAsync(Project project, string serviceId, int version, string? ifMatch, string updater, CancellationToken cancellationToken = default) =>
        ChangeAsync(project.Id, serviceId, ifMatch, async current =>
        {
            var revision = await services.GetRevisionAsync(project.Id, serviceId, version, cancellationToken)
                ?? throw new ValidationFailedException(Error("version", $"Service '{current.Name}' has versions 1 to {current.Version}; {version} is not one of them."));
            if (await bots.AssignmentProblemAsync(project, revision.Spec.BotUserId, cancellationToken) is { } botProblem)
            {
                throw new ValidationFailedException(Error("bot", $"Version {version} runs as a bot that can no longer be used: {botProblem}"));
            }

            var secretErrors = new ValidationErrors();
            await specs.CheckSecretsAsync(project.Id, revision.Spec.Secrets, secretErrors, cancellationToken);
            if (!secretErrors.IsEmpty)
            {
                throw new ValidationFailedException(secretErrors);
            }

            return await services.UpdateAsync(current, revision.Spec, updater, clock.GetUtcNow(), cancellationToken);
        },
        cancellationToken);

    /// <summary>
    /// Deploys the current spec again as a new version, so that every replica is replaced (draining the old ones):
    /// what a change of a secret the service uses needs. Null when the service does not exist or is being deleted.
    /// </summary>
    public async Task<Service?> RestartAsync(string projectId, string serviceId, string updater, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ChangeAsync(projectId, serviceId, null, current => services.UpdateAsync(current, current.Spec, updater, clock.GetUtcNow(), cancellationToken), cancellationToken);
        }
        catch (ConflictException)
        {
            return null;
        }
    }

    public Task<Service?> SetActiveAsync(string projectId, string serviceId, bool active, string? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(projectId, serviceId, ifMatch, current => current.Active == active
            ? Task.FromResult(current)
            : services.SetActiveAsync(current, active, clock.GetUtcNow(), cancellationToken),
            cancellationToken);

    /// <summary>Stops the service now; the runner provider drains its replicas and then removes it.</summary>
    public Task<Service?> DeleteAsync(string projectId, string serviceId, string? ifMatch, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            projectId,
            serviceId,
            ifMatch,
            current => current.Deleting ? Task.FromResult(current) : services.MarkDeletingAsync(current, clock.GetUtcNow(), cancellationToken),
            cancellationToken,
            whileDeleting: true);

    private async Task<ServiceSpec> BuildOrCollectAsync(Project project, ServiceRequest request, ServiceSpec? current, string? nameProblem, CancellationToken cancellationToken)
    {
        try
        {
            var spec = await specs.BuildAsync(project, request, current, cancellationToken);
            return nameProblem is null ? spec : throw new ValidationFailedException(Error("name", nameProblem));
        }
        catch (ValidationFailedException failed) when (nameProblem is not null && !failed.Errors.ToDictionary().ContainsKey("name"))
        {
            failed.Errors.Add("name", nameProblem);
            throw;
        }
    }

    private async Task<Service?> ChangeAsync(string projectId, string serviceId, string? ifMatch, Func<Service, Task<Service>> change, CancellationToken cancellationToken, bool whileDeleting = false)
    {
        var changed = await RetryOnStaleAsync<Service?>(
            async () =>
            {
                var current = await services.GetAsync(projectId, serviceId, cancellationToken);
                if (current is null)
                {
                    return null;
                }

                if (current.Deleting && !whileDeleting)
                {
                    throw new ConflictException($"Service '{current.Name}' is being deleted.");
                }

                if (ifMatch is not null && ifMatch != current.ETag)
                {
                    throw new PreconditionFailedException($"Service '{current.Name}' is at version {current.Version}; the If-Match ETag is stale.");
                }

                return await change(current);
            },
            retry: ifMatch is null);
        if (changed is not null)
        {
            notifier.ServiceChanged(changed.Id);
        }

        return changed;
    }

    private static ValidationErrors Error(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private static async Task<T> RetryOnStaleAsync<T>(Func<Task<T>> readAndCommit, bool retry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await readAndCommit();
            }
            catch (PreconditionFailedException) when (retry && attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 10 * attempt));
            }
        }
    }
}
