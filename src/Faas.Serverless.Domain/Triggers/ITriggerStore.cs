using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Domain.Triggers;

/// <summary>Triggers, one row each: the definition users change and the state the platform records.</summary>
public interface ITriggerStore
{
    Task<Trigger> CreateAsync(Trigger trigger, CancellationToken cancellationToken = default);

    Task<Trigger?> GetAsync(string projectId, string triggerId, CancellationToken cancellationToken = default);

    Task<Page<Trigger>> ListAsync(string projectId, PageRequest page, CancellationToken cancellationToken = default);

    /// <summary>The active event triggers of a project for one resource: the candidates for an event.</summary>
    Task<IReadOnlyList<Trigger>> ListActiveEventTriggersAsync(string projectId, TriggerResource resource, CancellationToken cancellationToken = default);

    /// <summary>The active cron triggers of every project: what the cron dispatcher plans.</summary>
    Task<IReadOnlyList<Trigger>> ListActiveCronTriggersAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the row of <paramref name="current"/> with <paramref name="replacement"/> (definition and state); a row that
    /// changed since <paramref name="current"/> was read (its <see cref="Trigger.RowETag"/>) gets a
    /// <see cref="PreconditionFailedException"/>.
    /// </summary>
    Task<Trigger> ReplaceAsync(Trigger current, Trigger replacement, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="state"/> only if the row is still <paramref name="current"/>, else <see cref="PreconditionFailedException"/>.</summary>
    Task<Trigger> SetStateAsync(Trigger current, TriggerState state, CancellationToken cancellationToken = default);

    /// <summary>Adds to the event counters, re-reading on concurrent writes; false when the trigger is gone.</summary>
    Task<bool> CountEventsAsync(string projectId, string triggerId, long skipped, long droppedLoop, CancellationToken cancellationToken = default);

    /// <summary>Deletes the trigger if its row is still <paramref name="current"/>, else <see cref="PreconditionFailedException"/>.</summary>
    Task DeleteAsync(Trigger current, CancellationToken cancellationToken = default);
}

/// <summary>The durable "fired once for this resource" records of Once triggers.</summary>
public interface ITriggerOnceStore
{
    /// <summary>
    /// Records that <paramref name="eventId"/> fires the trigger for <paramref name="resourceId"/> unless an event did
    /// already; returns the id of the event that holds the record (<paramref name="eventId"/> when this call won).
    /// </summary>
    Task<string> ClaimAsync(string triggerId, string resourceId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Gives up a claim whose execution could not be started, so that a redelivered event can fire.</summary>
    Task ReleaseAsync(string triggerId, string resourceId, CancellationToken cancellationToken = default);

    /// <summary>Forgets every record of a deleted trigger.</summary>
    Task DeleteAllAsync(string triggerId, CancellationToken cancellationToken = default);
}

/// <summary>Tells the cron dispatcher of this host that triggers changed, so that it re-plans at once.</summary>
public interface ITriggerChangeNotifier
{
    void TriggersChanged();
}
