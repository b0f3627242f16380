using System.Text.Json;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Functions.Triggers;

public enum EventSchema
{
    EventGrid,
    CloudEvents,
}

/// <summary>One validated resource event, whichever format it arrived in.</summary>
/// <param name="Data">The resource JSON; it has a non-empty string <c>id</c>, which is <paramref name="ResourceId"/>.</param>
/// <param name="Actor">Who caused the event: the sender's <c>actor</c>, else the authenticated caller.</param>
/// <param name="ChainDepth">How many trigger-started executions led to this event; 0 for an outside event.</param>
internal sealed record ResourceEvent(
    EventSchema Schema,
    string Id,
    string Type,
    string? Source,
    string? Subject,
    DateTimeOffset? Time,
    TriggerResource Resource,
    string Action,
    string ResourceId,
    JsonElement Data,
    string Actor,
    int ChainDepth)
{
    /// <summary>What identifies a delivery: CloudEvents ids are unique per source only.</summary>
    public string DeliveryKey => Schema == EventSchema.CloudEvents ? $"{Source}#{Id}" : Id;

    /// <summary>The event as the execution's context shows it; code emitting follow-up events sends chainDepth + 1.</summary>
    public JsonElement ToContext() => JsonSerializer.SerializeToElement(new
    {
        kind = "Event",
        schema = Schema.ToString(),
        id = Id,
        type = Type,
        source = Source,
        subject = Subject,
        time = Time,
        resource = Resource.ToString(),
        action = Action,
        resourceId = ResourceId,
        actor = Actor,
        chainDepth = ChainDepth,
    });
}
