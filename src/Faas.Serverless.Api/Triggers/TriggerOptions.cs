using System.ComponentModel.DataAnnotations;
using Faas.Serverless.Domain.Triggers.Cron;

namespace Faas.Serverless.Api.Triggers;

/// <summary>Bound from <c>Faas:Triggers</c> (host.json <c>extensions.faas.triggers</c>).</summary>
public sealed record TriggerOptions
{
    public const string Section = "Faas:Triggers";

    /// <summary>Events caused by a service's own bot are dropped beyond this chain depth (loop protection).</summary>
    [Range(0, 100)]
    public int MaxChainDepth { get; init; } = 3;

    /// <summary>How long the cron leader's blob lease lasts; it is renewed, and followers retry, every third of it.</summary>
    [Range(15, 60)]
    public int LeaseSeconds { get; init; } = 15;

    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$", ErrorMessage = "leaseContainer must be a valid blob container name.")]
    public string LeaseContainer { get; init; } = "leases";

    /// <summary>Under the FireAll catch-up policy, the most missed ticks of one trigger fired at once.</summary>
    [Range(1, 1000)]
    public int MaxCatchUp { get; init; } = CronPlanner.DefaultMaxCatchUp;

    [Range(1, 5000)]
    public int MaxEventsPerRequest { get; init; } = 1000;

    /// <summary>The longest lifetime of a SAS token issued by POST /events/token.</summary>
    [Range(1, 365)]
    public int MaxEventTokenDays { get; init; } = 30;

    /// <summary>A cron schedule whose consecutive ticks can come closer than this is refused (400 on spec.cron).</summary>
    [Range(1, 86_400)]
    public int MinCronIntervalSeconds { get; init; } = 60;
}
