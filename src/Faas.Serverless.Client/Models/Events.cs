using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Client.Models;

/// <summary>A CloudEvents 1.0 resource event to send to a project's triggers.</summary>
/// <param name="Id">Unique per <paramref name="Source"/>: a resend with the same pair is recognised.</param>
/// <param name="Source">Where it comes from, such as <c>/datasets/ds1</c>.</param>
/// <param name="Type">What happened, such as <c>Item.Created</c>.</param>
/// <param name="Data">The resource JSON.</param>
/// <param name="Subject">An optional subject.</param>
/// <param name="Time">When it happened.</param>
public sealed record CloudEvent(string Id, string Source, string Type, JsonElement Data, string? Subject = null, DateTimeOffset? Time = null)
{
    /// <summary>The CloudEvents version, 1.0.</summary>
    [JsonPropertyName("specversion")]
    public string SpecVersion { get; init; } = "1.0";
}

/// <summary>What the API did with sent events, one entry per event in order.</summary>
/// <param name="Events">The entries.</param>
public sealed record SendEventsResult(IReadOnlyList<EventResult> Events);

/// <summary>What one event did.</summary>
/// <param name="Id">The event id.</param>
/// <param name="Type">The event type.</param>
/// <param name="Fired">Executions it started.</param>
/// <param name="Triggers">What each matching trigger did.</param>
public sealed record EventResult(string Id, string? Type, int Fired, IReadOnlyList<TriggerFiring> Triggers);

/// <summary>What one matching trigger did with an event.</summary>
/// <param name="TriggerId">The trigger.</param>
/// <param name="Outcome"><c>Started</c>, <c>AlreadyStarted</c>, <c>AlreadyFiredOnce</c>, <c>ServiceInactive</c>, <c>LoopDropped</c> or <c>Failed</c>.</param>
/// <param name="ExecutionId">The execution started or found.</param>
/// <param name="Detail">Why, when it did not start one.</param>
public sealed record TriggerFiring(string TriggerId, string Outcome, string? ExecutionId, string? Detail);
