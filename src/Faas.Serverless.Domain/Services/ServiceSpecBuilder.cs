using System.Text.Json;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Secrets;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Services;

/// <summary>
/// Resolves a request into a complete spec: the package revision is pinned, the module found, init params
/// checked against its initInputs and every runtime field range-checked. All problems are reported together.
/// </summary>
public sealed class ServiceSpecBuilder(IPackageStore packages, BotService bots, ISecretStore secrets)
{
    /// <param name="current">The spec being updated, or null for a create.</param>
    /// <returns>The spec; its BotUserId is empty when a create names no bot (the caller makes one).</returns>
    public async Task<ServiceSpec> BuildAsync(Project project, ServiceRequest request, ServiceSpec? current, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var package = await ResolvePackageAsync(project.Id, request, current, errors, cancellationToken);
        var revision = package is null ? null : await ResolveRevisionAsync(package, request.PackageRevision, current, errors, cancellationToken);
        var module = revision is null ? null : ResolveModule(revision.Schema, request.ModuleName ?? current?.ModuleName, errors);
        var initParams = request.InitParams ?? current?.InitParams ?? new Dictionary<string, JsonElement>();
        if (module is not null)
        {
            errors.AddAll(InputValidator.Validate(module.InitInputs, initParams, "initParams"));
        }

        var runtime = RuntimeRules.Merge(request.Runtime, current?.Runtime ?? ServiceDefaults.Runtime, errors);
        var maxAttempts = Ranged(request.MaxAttempts, current?.MaxAttempts ?? ServiceDefaults.MaxAttempts, "maxAttempts", 1, 100, errors);
        var timeout = Ranged(request.ExecutionTimeout, current?.ExecutionTimeout ?? ServiceDefaults.ExecutionTimeoutSeconds, "executionTimeout", 1, 7 * 24 * 3600, errors);
        var drainTime = Ranged(request.DrainTime, current?.DrainTime ?? ServiceDefaults.DrainTimeSeconds, "drainTime", 0, 24 * 3600, errors);
        var onReset = current?.OnReset ?? OnReset.Failed;
        if (request.OnReset is not null && !(Enum.TryParse(request.OnReset, ignoreCase: true, out onReset) && Enum.IsDefined(onReset) && !int.TryParse(request.OnReset, out _)))
        {
            errors.Add("onReset", $"'{request.OnReset}' is not valid; use failed or rerun.");
        }

        var bot = request.Bot ?? current?.BotUserId;
        if (bot is not null && await bots.AssignmentProblemAsync(project, bot, cancellationToken) is { } botProblem)
        {
            errors.Add("bot", botProblem);
        }

        var secretNames = request.Secrets ?? current?.Secrets ?? [];
        await CheckSecretsAsync(project.Id, secretNames, errors, cancellationToken);
        if (!errors.IsEmpty || package is null || revision is null || module is null)
        {
            throw new ValidationFailedException(errors);
        }

        return new ServiceSpec(package.Id, package.Name, revision.Revision, module.Name, initParams, runtime, maxAttempts, timeout, drainTime, onReset, bot ?? string.Empty)
        {
            Secrets = [.. secretNames.Distinct(StringComparer.Ordinal)],
        };
    }

    /// <summary>Adds a problem, under <c>secrets</c>, for every name that is invalid or names no secret of the project.</summary>
    public async Task CheckSecretsAsync(string projectId, IReadOnlyList<string> names, ValidationErrors errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(errors);
        if (names.Count > SecretRules.MaxPerService)
        {
            errors.Add("secrets", $"A service may name at most {SecretRules.MaxPerService} secrets; got {names.Count}.");
            return;
        }

        var problems = names.Select(name => SecretRules.NameProblem(name)).OfType<string>().ToList();
        if (problems.Count > 0)
        {
            problems.ForEach(problem => errors.Add("secrets", problem));
            return;
        }

        var known = (await secrets.ListAsync(projectId, cancellationToken)).Select(secret => secret.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var missing in names.Where(name => !known.Contains(name)).Distinct(StringComparer.Ordinal))
        {
            errors.Add("secrets", $"Secret '{missing}' does not exist in project '{projectId}'; create it with PUT /api/v1/projects/{projectId}/secrets/{missing}.");
        }
    }

    private async Task<Package?> ResolvePackageAsync(string projectId, ServiceRequest request, ServiceSpec? current, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (current is not null)
        {
            if ((request.PackageId is not null && request.PackageId != current.PackageId)
                || (request.PackageName is not null && !string.Equals(request.PackageName, current.PackageName, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(request.PackageId is not null ? "packageId" : "packageName", "A service's package cannot change; deploy a new service instead.");
                return null;
            }

            return await Found(packages.GetAsync(projectId, current.PackageId, cancellationToken), "packageId", $"Package '{current.PackageId}' no longer exists.", errors);
        }

        return (request.PackageId, request.PackageName) switch
        {
            ({ } id, _) => await Found(packages.GetAsync(projectId, id, cancellationToken), "packageId", $"Package '{id}' was not found in this project.", errors),
            (null, { } name) => await Found(packages.FindByNameAsync(projectId, name, cancellationToken), "packageName", $"Package '{name}' was not found in this project.", errors),
            _ => Missing(errors),
        };

        static Package? Missing(ValidationErrors errors)
        {
            errors.Add("packageName", "packageName or packageId is required.");
            return null;
        }
    }

    private async Task<PackageRevision?> ResolveRevisionAsync(Package package, JsonElement? requested, ServiceSpec? current, ValidationErrors errors, CancellationToken cancellationToken)
    {
        int? number = requested switch
        {
            null => current?.PackageRevision ?? package.Version,
            { ValueKind: JsonValueKind.String } text when string.Equals(text.GetString(), "latest", StringComparison.OrdinalIgnoreCase) => package.Version,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var n) => n,
            { ValueKind: JsonValueKind.String } text when int.TryParse(text.GetString(), out var n) => n,
            _ => null,
        };
        if (number is null || number < 1 || number > package.Version)
        {
            errors.Add("packageRevision", $"packageRevision must be \"latest\" or a revision of '{package.Name}' from 1 to {package.Version}.");
            return null;
        }

        return await packages.GetRevisionAsync(package.ProjectId, package.Id, number.Value, cancellationToken);
    }

    private static ModuleSchema? ResolveModule(PackageSchema schema, string? name, ValidationErrors errors)
    {
        var module = name is not null ? schema.FindModule(name)
            : schema.FindModule(PackageDefaults.ModuleName) ?? (schema.Modules.Count == 1 ? schema.Modules[0] : null);
        if (module is null)
        {
            var available = string.Join(", ", schema.Modules.Select(m => m.Name));
            errors.Add("moduleName", name is null ? $"moduleName is required: the package has modules {available}." : $"Module '{name}' is not in the package; it has {available}.");
        }

        return module;
    }

    private static int Ranged(int? requested, int fallback, string field, int min, int max, ValidationErrors errors)
    {
        var value = requested ?? fallback;
        if (value < min || value > max)
        {
            errors.Add(field, $"{field} must be between {min} and {max}; got {value}.");
        }

        return value;
    }

    private static async Task<Package?> Found(Task<Package?> lookup, string field, string message, ValidationErrors errors)
    {
        var package = await lookup;
        if (package is null)
        {
            errors.Add(field, message);
        }

        return package;
    }
}
