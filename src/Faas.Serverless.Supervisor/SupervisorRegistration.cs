using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Supervisor.Isolation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor;

public static class SupervisorRegistration
{
    /// <summary>
    /// Registers the supervisor as a hosted service and as the notifier that wakes it on service changes, with the
    /// Local and External runner providers. Other providers register themselves as keyed <see cref="IRunnerProvider"/>
    /// services under their <see cref="RunnerProvider"/> value; Faas:Runners:Provider picks one at start-up.
    /// </summary>
    public static IServiceCollection AddRunnerSupervisor(this IServiceCollection services)
    {
        services.AddOptions<RunnerOptions>().BindConfiguration(RunnerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IsolationOptions>().BindConfiguration(IsolationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider => ReplicaIsolation.Detect(
            provider.GetRequiredService<IOptions<RunnerOptions>>().Value, provider.GetRequiredService<IOptions<IsolationOptions>>().Value));
        services.AddSingleton<IReplicaIsolationStatus, ReplicaIsolationStatus>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<IsolationOptions>>().Value;
            return new UidPool(options.UidBase, options.UidCount);
        });
        services.AddSingleton(provider => new ReplicaWorkspaces(
            provider.GetRequiredService<IPackageStore>(),
            provider.GetRequiredService<ICodebaseStore>(),
            provider.GetRequiredService<IOptions<RunnerOptions>>().Value.RunnersRoot,
            provider.GetRequiredService<ReplicaIsolation>().Level));
        services.AddSingleton<ReplicaLauncher>();
        services.AddSingleton<RunnerTokenRecovery>();
        services.AddSingleton<HostAddress>();
        services.AddSingleton<RunnerWakeup>();
        services.AddKeyedSingleton<IRunnerProvider, LocalRunnerProvider>(RunnerProvider.Local);
        services.AddKeyedSingleton<IRunnerProvider, ExternalRunnerProvider>(RunnerProvider.External);
        services.AddSingleton(provider =>
        {
            var chosen = provider.GetRequiredService<IOptions<RunnerOptions>>().Value.Provider;
            return provider.GetKeyedService<IRunnerProvider>(chosen)
                ?? throw new InvalidOperationException($"Faas:Runners:Provider is {chosen}, and no runner provider of that name is registered: the host must add it (AddContainerAppsRunners for ContainerApps).");
        });
        services.AddSingleton<ServiceDeletion>();
        services.AddSingleton<RunnerSupervisor>();
        services.AddSingleton<IServiceChangeNotifier>(provider => provider.GetRequiredService<RunnerSupervisor>());
        services.AddHostedService(provider => provider.GetRequiredService<RunnerSupervisor>());
        return services;
    }
}
