using Azure.Core;
using Azure.Identity;
using Faas.Serverless.Supervisor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.ContainerApps;

public static class ContainerAppsRegistration
{
    /// <summary>
    /// Adds the ContainerApps runner provider, used when Faas:Runners:Provider is ContainerApps; its settings
    /// (Faas:Runners:ContainerApps) are then checked at start-up.
    /// </summary>
    public static IServiceCollection AddContainerAppsRunners(this IServiceCollection services)
    {
        services.AddOptions<ContainerAppsOptions>().BindConfiguration(ContainerAppsOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContainerAppsOptions>, ContainerAppsOptionsValidator>());
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ContainerAppsOptions>>().Value;
            TokenCredential credential = options.ManagementClientId is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential();
            return ContainerAppsJobs.Create(options, credential);
        });
        services.AddSingleton<RunnerJobKeys>();
        services.AddKeyedSingleton<IRunnerProvider, ContainerAppsRunnerProvider>(RunnerProvider.ContainerApps);
        return services;
    }
}
