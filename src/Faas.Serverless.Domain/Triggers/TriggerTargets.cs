using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Domain.Triggers;

/// <summary>Finds the module a trigger's service deploys, for validation and again each time the trigger fires.</summary>
public sealed class TriggerTargets(IServiceStore services, IPackageStore packages)
{
    public async Task<TriggerTarget> FindAsync(string projectId, string? serviceId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(serviceId))
        {
            return TriggerTarget.None;
        }

        var service = await services.GetAsync(projectId, serviceId, cancellationToken);
        if (service is null || service.Deleting)
        {
            return new TriggerTarget(null, $"Service '{serviceId}' was not found in this project.");
        }

        var module = await ModuleAsync(service, cancellationToken);
        return module is null
            ? new TriggerTarget(null, $"Service '{service.Name}' deploys a package revision or module that no longer exists.")
            : new TriggerTarget(module, null);
    }

    public async Task<ModuleSchema?> ModuleAsync(Service service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var revision = await packages.GetRevisionAsync(service.ProjectId, service.Spec.PackageId, service.Spec.PackageRevision, cancellationToken);
        return revision?.Schema.FindModule(service.Spec.ModuleName);
    }
}
