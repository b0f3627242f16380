using System.Text.Json;
using Faas.Serverless.Domain.Triggers.Cron;

namespace Faas.Serverless.Domain.Triggers;

public enum TriggerType
{
    Event,
    Cron,
}

public enum TriggerExecutionMode
{
    /// <summary>At most one execution per resource id for the life of the trigger.</summary>
    Once,

    /// <summary>One execution per matching event.</summary>
    Always,
}

/// <summary>What a trigger does when it fires: today always an execution of one function of one service.</summary>
public sealed record TriggerOperation(string Type, string ServiceId, string FunctionName)
{
    public const string FunctionType = "function";
}

/// <summary>
/// A validated spec. Event triggers use Resource, Actions, Filter and ExecutionMode; cron triggers use Cron,
/// TimeZone, StartAt, EndAt and CatchUp; the fields of the other type are null.
/// </summary>
public sealed record TriggerSpec(
    TriggerResource? Resource,
    IReadOnlyList<string>? Actions,
    JsonElement? Filter,
    TriggerExecutionMode? ExecutionMode,
    IReadOnlyDictionary<string, JsonElement> Input,
    TriggerOperation Operation,
    string? Cron,
    string? TimeZone,
    DateTimeOffset? StartAt,
    DateTimeOffset? EndAt,
    CatchUpPolicy? CatchUp);

/// <summary>
/// What the platform records about a trigger while it runs. Changing it does not change the trigger's ETag, so a
/// busy trigger can still be edited with If-Match.
/// </summary>
/// <param name="Checkpoint">Cron: every tick up to here was fired or skipped (see docs/cron.md).</param>
/// <param name="LastFiredTick">Cron: the newest tick that started an execution.</param>
/// <param name="SkippedTicks">Cron: ticks given up on by the catch-up policy or while the service was paused.</param>
/// <param name="SkippedEvents">Event: matching events ignored while the service was paused or being deleted.</param>
/// <param name="DroppedLoopEvents">Event: events dropped by loop protection.</param>
public sealed record TriggerState(DateTimeOffset? Checkpoint, DateTimeOffset? LastFiredTick, long SkippedTicks, long SkippedEvents, long DroppedLoopEvents)
{
    public static readonly TriggerState Initial = new(null, null, 0, 0, 0);
}

/// <summary>A trigger of a project.</summary>
/// <param name="ETag">Changes with every change a user makes (and only then): what If-Match compares.</param>
/// <param name="RowETag">The storage row's ETag, which also changes when <see cref="State"/> is recorded.</param>
public sealed record Trigger(
    string Id,
    string ProjectId,
    string Name,
    TriggerType Type,
    bool Active,
    TriggerSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Creator,
    string ETag,
    TriggerState State,
    string RowETag);
