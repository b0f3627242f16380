using System.Text.Json;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Functions.Triggers;

/// <summary>
/// Reads CloudEvents 1.0 in JSON: one structured event (an object) or a batch (an array). The extension attributes
/// <c>faasactor</c> and <c>faaschaindepth</c> carry loop protection; <c>data.actor</c> and <c>data.faasChainDepth</c>
/// are read when they are absent. The whole batch is checked before anything fires.
/// </summary>
internal static class CloudEventParser
{
    public static IReadOnlyList<ResourceEvent> Parse(JsonElement body, string caller, int maxEvents)
    {
        var errors = new ValidationErrors();
        var events = new List<ResourceEvent>();
        if (body.ValueKind == JsonValueKind.Object)
        {
            Add(events, body, string.Empty, caller, errors);
        }
        else if (body.ValueKind == JsonValueKind.Array && body.GetArrayLength() is > 0 and var count && count <= maxEvents)
        {
            var index = 0;
            foreach (var item in body.EnumerateArray())
            {
                var path = $"[{index++}].";
                if (item.ValueKind == JsonValueKind.Object)
                {
                    Add(events, item, path, caller, errors);
                }
                else
                {
                    errors.Add(path[..^1], "Each event is a JSON object.");
                }
            }
        }
        else
        {
            errors.Add("body", $"Send one CloudEvent as a JSON object (application/cloudevents+json) or 1 to {maxEvents} as an array (application/cloudevents-batch+json).");
        }

        return errors.IsEmpty ? events : throw new ValidationFailedException(errors);
    }

    private static void Add(List<ResourceEvent> events, JsonElement item, string path, string caller, ValidationErrors errors)
    {
        var before = errors.ToDictionary().Count;
        if (EventFields.RequiredString(item, "specversion", path, errors, 16) is { } version && version != "1.0")
        {
            errors.Add(path + "specversion", $"specversion '{version}' is not supported; send 1.0.");
        }

        var id = EventFields.RequiredString(item, "id", path, errors);
        var source = EventFields.RequiredString(item, "source", path, errors, 1024);
        var type = EventFields.RequiredString(item, "type", path, errors);
        var subject = EventFields.OptionalString(item, "subject", path, errors, 1024);
        var time = EventFields.OptionalTime(item, "time", path, errors);
        if (EventFields.OptionalString(item, "datacontenttype", path, errors, 256) is { } contentType && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(path + "datacontenttype", $"datacontenttype '{contentType}' is not JSON; the data must be the resource JSON.");
        }

        if (item.TryGetProperty("data_base64", out _))
        {
            errors.Add(path + "data_base64", "Binary data is not supported; send the resource JSON as data.");
        }

        var kind = EventFields.EventType(type, path + "type", errors);
        var resourceId = EventFields.ResourceId(item, path, errors);
        if (resourceId is null)
        {
            return;
        }

        var data = item.GetProperty("data");
        var actor = EventFields.OptionalString(item, "faasactor", path, errors) ?? EventFields.OptionalString(data, "actor", path + "data.", errors);
        var depth = EventFields.ChainDepth(item, "faaschaindepth", path, errors) ?? EventFields.ChainDepth(data, "faasChainDepth", path + "data.", errors);
        if (errors.ToDictionary().Count == before && id is not null && source is not null && kind is { } known)
        {
            events.Add(new ResourceEvent(EventSchema.CloudEvents, id, type!, source, subject, time, known.Resource, known.Action, resourceId, data.Clone(), actor ?? caller, depth ?? 0));
        }
    }
}
