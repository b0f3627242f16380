using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Api.Endpoints;

/// <summary>
/// The seeds' Trigger JSON plus what the platform records: <c>nextFireTimes</c> (the next five ticks of an active cron
/// trigger), the last fired tick, and the counters of skipped ticks, skipped events and loop-dropped events.
/// </summary>
public sealed record TriggerResponse(
    string Id,
    string Url,
    string ProjectId,
    string Name,
    TriggerType Type,
    bool Active,
    TriggerSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator,
    IReadOnlyList<DateTimeOffset>? NextFireTimes,
    DateTimeOffset? LastFiredTick,
    long SkippedTicks,
    long SkippedEvents,
    long DroppedLoopEvents)
{
    public const int NextFireTimeCount = 5;

    public static TriggerResponse From(Trigger trigger, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var schedule = trigger.Type == TriggerType.Cron ? TriggerValidator.Schedule(trigger.Spec) : null;
        IReadOnlyList<DateTimeOffset>? next = schedule is null ? null
            : trigger.Active ? schedule.NextN(now, NextFireTimeCount)
            : [];
        return new(
            trigger.Id,
            $"/api/v1/projects/{trigger.ProjectId}/triggers/{trigger.Id}",
            trigger.ProjectId,
            trigger.Name,
            trigger.Type,
            trigger.Active,
            trigger.Spec,
            trigger.CreatedAt,
            trigger.UpdatedAt,
            trigger.Creator,
            next,
            trigger.State.LastFiredTick,
            trigger.State.SkippedTicks,
            trigger.State.SkippedEvents,
            trigger.State.DroppedLoopEvents);
    }
}
