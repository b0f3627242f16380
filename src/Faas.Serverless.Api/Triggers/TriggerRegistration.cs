using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Functions.Auth;
using Faas.Serverless.Stores.Triggers;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Functions.Triggers;

internal static class TriggerRegistration
{
    /// <summary>Trigger stores and lifecycle, event dispatch, and the cron timer function.</summary>
    public static IServiceCollection AddTriggers(this IServiceCollection services)
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
        services.AddHostedService<CronDispatcher>();
        return services;
    }
}
