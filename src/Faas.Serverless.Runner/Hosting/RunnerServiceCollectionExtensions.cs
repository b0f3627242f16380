using Faas.Serverless.CodebaseZip;
using Faas.Serverless.Runner.Agent;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Codebase;
using Faas.Serverless.Runner.Options;
using Faas.Serverless.Runner.Secrets;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Hosting;

internal static class RunnerServiceCollectionExtensions
{
    public static IServiceCollection AddRunner(this IServiceCollection services, RunnerOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new AgentTimings());
        services.AddSingleton(ExtractionLimits.Default);
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);

        services.AddTransient<BearerTokenHandler>();
        services.AddHttpClient<HostApiClient>(client =>
            {
                client.BaseAddress = options.HostUri;
                // Each call sets its own timeout (long polls and downloads need more than the default 100 s).
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("faas-runner/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(10),
            })
            .AddHttpMessageHandler<BearerTokenHandler>()
            // One long-lived client for the whole agent; SocketsHttpHandler recycles connections itself.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.AddSingleton<ICodebaseSource>(sp => sp.GetRequiredService<HostApiClient>());
        services.AddSingleton(sp => new CodebaseCache(
            options.WorkDir,
            sp.GetRequiredService<ICodebaseSource>(),
            sp.GetRequiredService<ExtractionLimits>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CodebaseCache>>()));
        services.AddSingleton<SecretMasker>();
        services.AddSingleton<MaskingLoggerFactory>();
        services.AddSingleton<ParentWatchdog>();
        services.AddHostedService(sp => sp.GetRequiredService<ParentWatchdog>());
        services.AddSingleton(sp =>
        {
            var reporter = new ReplicaStateReporter(sp.GetRequiredService<HostApiClient>(), sp.GetRequiredService<SecretMasker>(), sp.GetRequiredService<ILogger<ReplicaStateReporter>>());
            if (options.SeenPid is { } pid)
            {
                // Inside a sandbox's pid namespace the agent is pid 1; the host can only see and signal the outer pid.
                reporter.Update(report => report with { Pid = pid });
            }

            return reporter;
        });
        services.AddSingleton<RunnerAgent>();
        return services;
    }
}
