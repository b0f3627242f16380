using System.Text.Json;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Functions.Triggers;

/// <summary>Resource events of one request, and the code to echo when it was Event Grid's subscription validation.</summary>
internal sealed record ParsedEvents(IReadOnlyList<ResourceEvent> Events, string? ValidationCode);

/// <summary>
/// Reads the Event Grid schema: a JSON array of <c>{id, eventType, subject, eventTime, data, dataVersion}</c>. The whole
/// batch is checked before anything fires, so a bad event cannot leave the batch half delivered.
/// </summary>
internal static class EventGridParser
{
    public const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";
    private const string SystemPrefix = "Microsoft.EventGrid.";

    public static ParsedEvents Parse(JsonElement body, string caller, int maxEvents)
    {
        var errors = new ValidationErrors();
        if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() > maxEvents)
        {
            errors.Add("body", $"The Event Grid schema is a JSON array of 1 to {maxEvents} events.");
            throw new ValidationFailedException(errors);
        }

        var events = new List<ResourceEvent>();
        string? validationCode = null;
        var index = 0;
        foreach (var item in body.EnumerateArray())
        {
            var path = $"[{index++}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(path[..^1], "Each event is a JSON object.");
                continue;
            }

            var type = EventFields.RequiredString(item, "eventType", path, errors);
            if (type == ValidationEventType)
            {
                if (item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
                {
                    validationCode = EventFields.RequiredString(data, "validationCode", path + "data.", errors);
                }
                else
                {
                    errors.Add(path + "data", "A subscription validation event carries data.validationCode.");
                }
            }
            else if (type is null || !type.StartsWith(SystemPrefix, StringComparison.OrdinalIgnoreCase))
            {
                // Other Event Grid lifecycle events (subscription deleted, ...) concern no resource and are acknowledged.
                Add(events, item, type, path, caller, errors);
            }
        }

        return errors.IsEmpty ? new ParsedEvents(events, validationCode) : throw new ValidationFailedException(errors);
    }

    private static void Add(List<ResourceEvent> events, JsonElement item, string? type, string path, string caller, ValidationErrors errors)
    {
        var id = EventFields.RequiredString(item, "id", path, errors);
        var subject = EventFields.OptionalString(item, "subject", path, errors, 1024);
        var time = EventFields.OptionalTime(item, "eventTime", path, errors);
        EventFields.OptionalString(item, "dataVersion", path, errors, 64);
        var kind = EventFields.EventType(type, path + "eventType", errors);
        var resourceId = EventFields.ResourceId(item, path, errors);
        if (resourceId is null)
        {
            return;
        }

        var data = item.GetProperty("data");
        var actor = EventFields.OptionalString(data, "actor", path + "data.", errors);
        var depth = EventFields.ChainDepth(data, "faasChainDepth", path + "data.", errors);
        if (id is not null && kind is { } known && errors.IsEmpty)
        {
            events.Add(new ResourceEvent(EventSchema.EventGrid, id, type!, null, subject, time, known.Resource, known.Action, resourceId, data.Clone(), actor ?? caller, depth ?? 0));
        }
    }
}
