using DurableTask.AzureStorage;
using Faas.Serverless.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Durable;

public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// The task hub on the platform's storage account (<c>AzureWebJobsStorage</c>) with settings from
    /// <see cref="DurableTaskOptions.Section"/>: its client (<see cref="AddTaskHubClient"/>) and a worker running
    /// every <see cref="AddOrchestrator{T}"/> and <see cref="AddActivity{T}"/> class as a hosted service.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTaskHubClient(configuration);
        services.AddHostedService<TaskHubWorkerService>();
        return services;
    }

    /// <summary>
    /// The task hub's client alone, for a host whose orchestrations another worker runs on the same hub (the Functions
    /// app, where the Durable Task extension does): one <see cref="AzureStorageOrchestrationService"/>, a
    /// <see cref="DurableTaskClient"/> and an <see cref="OrchestrationHistoryReader"/>, all singletons. Payloads use
    /// the registered <see cref="DataConverter"/> (<see cref="JsonDataConverter.Default"/> unless one is added first).
    /// </summary>
    public static IServiceCollection AddTaskHubClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DurableTaskOptions>().Bind(configuration.GetSection(DurableTaskOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddAzureClientsCore();
        services.TryAddSingleton<DataConverter>(JsonDataConverter.Default);
        services.TryAddSingleton<CompletionSignals>();
        services.TryAddSingleton(provider =>
        {
            var storage = StorageSettings.FromConfiguration(configuration);
            var credential = storage.Identity is { } identity
                ? provider.GetRequiredService<AzureComponentFactory>().CreateTokenCredential(identity)
                : null;
            return OrchestrationServiceFactory.Create(
                storage, provider.GetRequiredService<IOptions<DurableTaskOptions>>().Value, provider.GetRequiredService<ILoggerFactory>(), credential);
        });
        services.TryAddSingleton<DurableTaskClient, AzureStorageDurableTaskClient>();
        services.TryAddSingleton(provider => new OrchestrationHistoryReader(provider.GetRequiredService<AzureStorageOrchestrationService>()));
        return services;
    }

    /// <summary>
    /// Runs <typeparamref name="T"/> under the name in its <c>[DurableTask("Name")]</c> attribute, else its class name.
    /// A new instance is built (from the root provider) for every episode: keep orchestrators free of scoped services.
    /// </summary>
    public static IServiceCollection AddOrchestrator<T>(this IServiceCollection services)
        where T : class, ITaskOrchestrator
    {
        services.AddSingleton(DurableTaskRegistration.For(DurableTaskKind.Orchestrator, typeof(T)));
        return services;
    }

    /// <summary>Runs <typeparamref name="T"/> like <see cref="AddOrchestrator{T}"/>, built in a service scope of its own for each run.</summary>
    public static IServiceCollection AddActivity<T>(this IServiceCollection services)
        where T : class, ITaskActivity
    {
        services.AddSingleton(DurableTaskRegistration.For(DurableTaskKind.Activity, typeof(T)));
        return services;
    }
}
