using Faas.Serverless.Domain.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Supervisor;

public static class SupervisorRegistration
{
    /// <summary>Registers the supervisor as a hosted service and as the notifier that wakes it on service changes.</summary>
    public static IServiceCollection AddRunnerSupervisor(this IServiceCollection services)
    {
        services.AddOptions<RunnerOptions>().BindConfiguration(RunnerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReplicaLauncher>();
        services.AddSingleton<HostAddress>();
        services.AddSingleton<RunnerSupervisor>();
        services.AddSingleton<IServiceChangeNotifier>(provider => provider.GetRequiredService<RunnerSupervisor>());
        services.AddHostedService(provider => provider.GetRequiredService<RunnerSupervisor>());
        return services;
    }
}
