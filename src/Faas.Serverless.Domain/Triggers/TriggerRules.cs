namespace Faas.Serverless.Domain.Triggers;

/// <summary>Limits a host sets on the triggers users define (host.json <c>extensions.faas.triggers</c>).</summary>
/// <param name="MinCronInterval">Two ticks of a cron schedule may not come closer than this.</param>
public sealed record TriggerRules(TimeSpan MinCronInterval)
{
    public static readonly TriggerRules None = new(TimeSpan.Zero);
}
