using System.Text.Json;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using CloudNative.CloudEvents;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Api.Triggers;

/// <summary>Resource events of one request, and the code to echo when it was Event Grid's subscription validation.</summary>
internal sealed record EventGridRequest(IReadOnlyList<ResourceEvent> Events, string? ValidationCode);

/// <summary>
/// Reads the Event Grid schema with Azure.Messaging.EventGrid, event by event so that an error names the event's
/// index, and carries each resource event over to the CloudEvents SDK's type. System events are recognised by the
/// library: the subscription validation handshake answers with its code, the others are acknowledged and ignored.
/// The whole batch is checked before anything fires.
/// </summary>
internal static class EventGridReader
{
    public static EventGridRequest Read(ReadOnlyMemory<byte> body, string caller, int maxEvents)
    {
        using var document = CloudEventReader.ParseJson(body, EventContentMode.EventGrid);
        var root = document.RootElement;
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() > maxEvents)
        {
            errors.Add("body", $"The Event Grid schema is a JSON array of 1 to {maxEvents} events.");
            throw new InvalidEventsException(EventContentMode.EventGrid, errors);
        }

        var events = new List<ResourceEvent>();
        string? validationCode = null;
        var index = 0;
        foreach (var item in root.EnumerateArray())
        {
            var path = $"[{index++}].";
            if (Parse(item, path, errors) is not { } gridEvent)
            {
                continue;
            }

            if (gridEvent.TryGetSystemEventData(out var systemEvent))
            {
                validationCode = systemEvent is SubscriptionValidationEventData validation ? validation.ValidationCode : validationCode;
            }
            else if (ResourceEvents.Create(EventSchema.EventGrid, ToCloudEvent(gridEvent), caller, path, errors) is { } resourceEvent)
            {
                events.Add(resourceEvent);
            }
        }

        return errors.IsEmpty ? new EventGridRequest(events, validationCode) : throw new InvalidEventsException(EventContentMode.EventGrid, errors);
    }

    private static EventGridEvent? Parse(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path[..^1], "Each event is a JSON object.");
            return null;
        }

        try
        {
            return EventGridEvent.Parse(BinaryData.FromObjectAsJson(item));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or InvalidOperationException)
        {
            InvalidEventsException.AddLibraryError(errors, path, path[..^1], ex);
            return null;
        }
    }

    private static CloudEvent ToCloudEvent(EventGridEvent gridEvent)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, ResourceEvents.KnownExtensions)
        {
            Id = gridEvent.Id,
            Type = gridEvent.EventType,
            Subject = gridEvent.Subject,
            Time = gridEvent.EventTime,
            DataContentType = "application/json",
            Data = gridEvent.Data.ToObjectFromJson<JsonElement>(),
        };
        if (gridEvent.Topic is { Length: > 0 } topic && Uri.TryCreate(topic, UriKind.RelativeOrAbsolute, out var source))
        {
            cloudEvent.Source = source;
        }

        return cloudEvent;
    }
}
