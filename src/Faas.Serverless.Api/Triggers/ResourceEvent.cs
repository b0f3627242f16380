using System.Text.Json;
using CloudNative.CloudEvents;
using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Api.Triggers;

public enum EventSchema
{
    EventGrid,
    CloudEvents,
}

/// <summary>One validated resource event, whichever format it arrived in, as the CloudEvents SDK's event.</summary>
/// <param name="Event">The event; Event Grid events are carried over attribute by attribute (topic as source).</param>
/// <param name="Data">The resource JSON; it has a non-empty string <c>id</c>, which is <paramref name="ResourceId"/>.</param>
/// <param name="FilterDocument">What trigger filters see: <paramref name="Data"/> with the event's attributes under <c>@event</c>.</param>
/// <param name="Actor">Who caused the event: the sender's <c>actor</c>, else the authenticated caller.</param>
/// <param name="ChainDepth">How many trigger-started executions led to this event; 0 for an outside event.</param>
internal sealed record ResourceEvent(
    EventSchema Schema,
    CloudEvent Event,
    TriggerResource Resource,
    string Action,
    string ResourceId,
    JsonElement Data,
    JsonElement FilterDocument,
    string Actor,
    int ChainDepth)
{
    public string Id => Event.Id!;

    public string Type => Event.Type!;

    /// <summary>What identifies a delivery: CloudEvents ids are unique per source only.</summary>
    public string DeliveryKey => Schema == EventSchema.CloudEvents ? $"{Event.Source}#{Event.Id}" : Id;

    /// <summary>The populated extension attributes in their canonical text form.</summary>
    public IReadOnlyDictionary<string, string> Extensions =>
        Event.ExtensionAttributes
            .Where(attribute => Event[attribute] is not null)
            .ToDictionary(attribute => attribute.Name, attribute => attribute.Format(Event[attribute]!), StringComparer.Ordinal);

    /// <summary>The event as the execution's context shows it; code emitting follow-up events sends chainDepth + 1.</summary>
    public JsonElement ToContext() => JsonSerializer.SerializeToElement(new
    {
        kind = "Event",
        schema = Schema.ToString(),
        id = Id,
        type = Type,
        source = Event.Source?.ToString(),
        subject = Event.Subject,
        time = Event.Time,
        resource = Resource.ToString(),
        action = Action,
        resourceId = ResourceId,
        actor = Actor,
        chainDepth = ChainDepth,
        extensions = Extensions,
    });
}
