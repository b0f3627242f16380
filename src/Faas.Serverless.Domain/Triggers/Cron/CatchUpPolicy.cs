namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>
/// What happens to missed ticks: ticks that are due but older than the grace period, typically after a host outage or
/// a leader change. On-time ticks (within the grace period) always fire, whatever the policy.
/// </summary>
public enum CatchUpPolicy
{
    /// <summary>The missed ticks collapse into one run: the latest due tick fires (an on-time tick if there is one,
    /// otherwise the newest missed tick) and the older missed ticks are skipped. The default.</summary>
    FireLatest,

    /// <summary>Every missed tick fires once, oldest first; when there are more than the cap, the newest ones are kept
    /// and the older ones are skipped.</summary>
    FireAll,

    /// <summary>Missed ticks are skipped; only on-time ticks fire.</summary>
    Skip,
}
