namespace Faas.Serverless.Domain.Triggers.Cron;

/// <summary>What a dispatcher poll should do: the ticks to fire now and the ticks given up on.</summary>
/// <param name="Fire">Ticks to fire now, oldest first.</param>
/// <param name="Skipped">Ticks that will never fire; they are all older than every tick in <paramref name="Fire"/>.</param>
public sealed record CronDue(IReadOnlyList<DateTimeOffset> Fire, CronSkippedTicks Skipped)
{
    /// <summary>
    /// The newest tick this poll disposes of, fired or skipped: the dispatcher records it as the trigger's
    /// lastFiredTick (with an ETag) so that no later poll returns these ticks again; null when nothing was due.
    /// </summary>
    public DateTimeOffset? Checkpoint => Fire.Count > 0 ? Fire[^1] : Skipped.Last;
}

/// <summary>
/// The skipped ticks, summarised because an outage can skip very many of them. They are consecutive occurrences of
/// the schedule, so First, Last and Count describe them exactly.
/// </summary>
public sealed record CronSkippedTicks(int Count, DateTimeOffset? First, DateTimeOffset? Last)
{
    public static readonly CronSkippedTicks None = new(0, null, null);

    internal CronSkippedTicks Add(DateTimeOffset tick) => new(Count + 1, First ?? tick, tick);
}
