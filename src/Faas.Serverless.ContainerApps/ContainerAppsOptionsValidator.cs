using System.ComponentModel.DataAnnotations;
using Faas.Serverless.Supervisor;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.ContainerApps;

/// <summary>Checks the Container Apps settings only where they are used: when Faas:Runners:Provider is ContainerApps.</summary>
internal sealed class ContainerAppsOptionsValidator(IOptions<RunnerOptions> runners) : IValidateOptions<ContainerAppsOptions>
{
    public ValidateOptionsResult Validate(string? name, ContainerAppsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (runners.Value.Provider != RunnerProvider.ContainerApps)
        {
            return ValidateOptionsResult.Skip;
        }

        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => $"{ContainerAppsOptions.Section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
