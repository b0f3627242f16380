using Faas.Serverless.Api.Triggers;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Faas.Serverless.Functions.Timers;

/// <summary>
/// The cron round on a timer. A timer function runs on one instance at a time (the Functions host holds a blob lease
/// for it), which is what the local host's cron loop takes a lease of its own for; every five seconds, so a tick is
/// started at most five seconds late. The round plans from the triggers' checkpoints, so a missed timer loses nothing.
/// </summary>
public static class CronRoundFunction
{
    [Function("CronRound")]
    public static Task RunAsync([TimerTrigger("*/5 * * * * *")] TimerInfo timer, FunctionContext context) =>
        context.InstanceServices.GetRequiredService<CronRound>().RunAsync(context.CancellationToken);
}
