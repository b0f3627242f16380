using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Api.Endpoints;
using Faas.Serverless.Api.Hosting.OpenApi;
using Faas.Serverless.Api.Http;
using Faas.Serverless.Api.Triggers;
using Faas.Serverless.ContainerApps;
using Faas.Serverless.Domain.Identity;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Storage;
using Faas.Serverless.Stores;
using Faas.Serverless.Stores.Executions;
using Faas.Serverless.Stores.Identity;
using Faas.Serverless.Stores.Packages;
using Faas.Serverless.Stores.Services;
using Faas.Serverless.Supervisor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Hosting;

/// <summary>
/// The services of the API, the same in both hosts: stores, the execution engine, triggers, runner providers, API-key
/// authentication, rate limits and problem details. The task hub and the cron round are each host's own: the local
/// host adds the task hub with its in-process worker (<c>AddDurableTask</c>) and the cron loop
/// (<see cref="TriggerRegistration.AddCronDispatcher"/>); the Functions app the task hub's client alone
/// (<c>AddTaskHubClient</c>: the Durable Task extension runs the orchestrations) and a timer function.
/// </summary>
public static class HostRegistration
{
    public static void AddFaasApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PackageOptions>().BindConfiguration(PackageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StoreOptions>().BindConfiguration("Faas:Storage").ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddStorageClients(builder.Configuration);
        services.AddSingleton(provider => new StoreTables(
            provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<BlobServiceClient>(), provider.GetRequiredService<IOptions<StoreOptions>>().Value));
        services.AddSingleton<IOrganizationStore, TableOrganizationStore>();
        services.AddSingleton<IUserStore, TableUserStore>();
        services.AddSingleton<TableProjectStore>();
        services.AddSingleton<IProjectStore>(provider => new CachedProjectStore(
            provider.GetRequiredService<TableProjectStore>(),
            provider.GetRequiredService<IMemoryCache>(),
            TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AuthOptions>>().Value.KeyCacheSeconds)));
        services.AddSingleton<IApiKeyStore, TableApiKeyStore>();
        services.AddSingleton<IPackageStore, TablePackageStore>();
        services.AddSingleton<ICodebaseStore, BlobCodebaseStore>();
        services.AddSingleton(provider =>
        {
            var limits = provider.GetRequiredService<IOptions<PackageOptions>>().Value;
            return new CodebaseInspector(new CodebaseLimits
            {
                MaxZipBytes = limits.MaxCodebaseSizeBytes,
                MaxUncompressedBytes = limits.MaxUncompressedSizeBytes,
                MaxEntries = limits.MaxEntries,
            });
        });
        services.AddSingleton<PackageService>();
        services.AddSingleton<IServiceStore, TableServiceStore>();
        services.AddSingleton<IReplicaStore, TableReplicaStore>();
        services.AddSingleton<BotService>();
        services.AddSingleton<ServiceSpecBuilder>();
        services.AddSingleton<ServiceManager>();
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WorkSignals>();
        services.AddSingleton<TerminationSignals>();
        services.AddSingleton<ServiceWorkQueues>();
        services.AddOptions<ExecutionOptions>().BindConfiguration(ExecutionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ExecutionLimitOptions>().BindConfiguration(ExecutionLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IExecutionPayloadStore, BlobExecutionPayloadStore>();
        services.AddSingleton<IExecutionStore, TableExecutionStore>();
        services.AddSingleton<IDeadLetterStore, TableDeadLetterStore>();
        services.AddSingleton<ExecutionWaiters>();
        services.AddSingleton<ExecutionRecords>();
        services.AddSingleton<ExecutionCommitter>();
        services.AddSingleton<ExecutionEngine>();
        services.AddSingleton<IExecutionTermination>(provider => provider.GetRequiredService<ExecutionEngine>());
        services.AddSingleton<ExecutionStarter>();
        services.AddRunnerSupervisor();
        services.AddContainerAppsRunners();
        services.AddHostedService<StorageInitializer>();
        services.AddTriggers();
        services.AddFaasSecrets();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddProblemDetails();
        services.AddFaasRateLimiting();
        services.AddExceptionHandler<ExceptionProblemHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddScoped<ProjectAccessFilter>();
        services.AddScoped<ServiceBotFilter>();
        services.AddSingleton<ExecutionResponder>();
        services.AddFaasOpenApi();
    }
}
