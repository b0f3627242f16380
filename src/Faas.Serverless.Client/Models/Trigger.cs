using System.Text.Json;

namespace Faas.Serverless.Client.Models;

/// <summary>A trigger: starts executions on resource events or on a cron schedule.</summary>
/// <param name="Id">The trigger id.</param>
/// <param name="Url">Its API path.</param>
/// <param name="ProjectId">Its project.</param>
/// <param name="Name">Its name, unique per project.</param>
/// <param name="Type"><c>Event</c> or <c>Cron</c>.</param>
/// <param name="Active">Whether it fires.</param>
/// <param name="Spec">What it matches and what it runs.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Creator">Who created it; executions it starts run as them.</param>
/// <param name="NextFireTimes">A cron trigger's next five ticks; null for event triggers.</param>
/// <param name="LastFiredTick">The newest tick that started an execution.</param>
/// <param name="SkippedTicks">Ticks given up on.</param>
/// <param name="SkippedEvents">Matching events ignored while the service could not run.</param>
/// <param name="DroppedLoopEvents">Events dropped by loop protection.</param>
public sealed record Trigger(
    string Id,
    string? Url,
    string ProjectId,
    string Name,
    string Type,
    bool Active,
    TriggerSpec Spec,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Creator,
    IReadOnlyList<DateTimeOffset>? NextFireTimes,
    DateTimeOffset? LastFiredTick,
    long SkippedTicks,
    long SkippedEvents,
    long DroppedLoopEvents);

/// <summary>A trigger's spec: event fields (<c>resource</c>, <c>actions</c>, <c>filter</c>) or cron fields, and the operation.</summary>
/// <param name="Operation">The function it runs.</param>
/// <param name="Resource">Event triggers: the resource type, such as <c>Item</c>.</param>
/// <param name="Actions">Event triggers: the actions, such as <c>Created</c>.</param>
/// <param name="Filter">Event triggers: a DQL filter.</param>
/// <param name="ExecutionMode">Event triggers: <c>Once</c> or <c>Always</c>.</param>
/// <param name="Input">Extra input merged into every execution.</param>
/// <param name="Cron">Cron triggers: the schedule.</param>
/// <param name="TimeZone">Cron triggers: its IANA time zone.</param>
/// <param name="StartAt">Cron triggers: no tick before.</param>
/// <param name="EndAt">Cron triggers: no tick after.</param>
/// <param name="CatchUp">Cron triggers: the catch-up policy after an outage.</param>
public sealed record TriggerSpec(
    TriggerOperation Operation,
    string? Resource = null,
    IReadOnlyList<string>? Actions = null,
    JsonElement? Filter = null,
    string? ExecutionMode = null,
    JsonElement? Input = null,
    string? Cron = null,
    string? TimeZone = null,
    DateTimeOffset? StartAt = null,
    DateTimeOffset? EndAt = null,
    string? CatchUp = null);

/// <summary>The function a trigger runs.</summary>
/// <param name="ServiceId">The service.</param>
/// <param name="FunctionName">The function.</param>
/// <param name="Type">Always <c>function</c> today.</param>
public sealed record TriggerOperation(string ServiceId, string FunctionName, string Type = "function");

/// <summary>The body that creates a trigger.</summary>
/// <param name="Name">Its name, unique per project.</param>
/// <param name="Type"><c>Event</c> or <c>Cron</c>.</param>
/// <param name="Spec">What it matches and runs.</param>
/// <param name="Active">Whether it fires at once.</param>
public sealed record CreateTriggerRequest(string Name, string Type, TriggerSpec Spec, bool Active = true);
