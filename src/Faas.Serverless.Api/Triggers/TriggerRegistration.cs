using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Api.Auth;
using Faas.Serverless.Stores.Triggers;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Triggers;

public static class TriggerRegistration
{
    /// <summary>Trigger stores and lifecycle, event dispatch, and the cron round (which each host runs its own way).</summary>
    internal static IServiceCollection AddTriggers(this IServiceCollection services)
    {
        services.AddOptions<TriggerOptions>().BindConfiguration(TriggerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ITriggerStore, TableTriggerStore>();
        services.AddSingleton<ITriggerOnceStore, TableTriggerOnceStore>();
        services.AddSingleton<TriggerChangeSignal>();
        services.AddSingleton<ITriggerChangeNotifier>(provider => provider.GetRequiredService<TriggerChangeSignal>());
        services.AddSingleton<EventKeys>();
        services.AddSingleton<TriggerTargets>();
        services.AddSingleton(provider => new TriggerRules(TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<TriggerOptions>>().Value.MinCronIntervalSeconds)));
        services.AddSingleton<TriggerManager>();
        services.AddSingleton<TriggerFiring>();
        services.AddSingleton<EventTriggerDispatcher>();
        services.AddSingleton<CronRound>();
        return services;
    }

    /// <summary>
    /// The local host's cron timer: <see cref="CronDispatcher"/>, a loop in every host of which the holder of a blob
    /// lease runs the rounds. The Functions app runs them from a timer function instead, a singleton of its own.
    /// </summary>
    public static IServiceCollection AddCronDispatcher(this IServiceCollection services) => services.AddHostedService<CronDispatcher>();
}
