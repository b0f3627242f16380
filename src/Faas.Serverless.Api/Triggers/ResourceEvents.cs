using System.Text.Json;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Api.Triggers;

/// <summary>
/// Turns a decoded CloudEvent into a <see cref="ResourceEvent"/>: the type names a resource and an action, the data is
/// the resource JSON with its id. The extension attributes <c>faasactor</c> and <c>faaschaindepth</c> carry loop
/// protection; <c>data.actor</c> and <c>data.faasChainDepth</c> are read when they are absent.
/// </summary>
internal static class ResourceEvents
{
    public const string ActorAttribute = "faasactor";
    public const string ChainDepthAttribute = "faaschaindepth";
    public const string FilterKey = "@event";
    public const int MaxChainDepth = 1000;
    private const string Prefix = "Faas.";

    /// <summary>The extension attributes with a type: the SDK then parses and checks them as it decodes.</summary>
    public static readonly IReadOnlyList<CloudEventAttribute> KnownExtensions =
    [
        CloudEventAttribute.CreateExtension(ActorAttribute, CloudEventAttributeType.String),
        CloudEventAttribute.CreateExtension(ChainDepthAttribute, CloudEventAttributeType.Integer, value =>
        {
            if ((int)value is < 0 or > MaxChainDepth)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"{ChainDepthAttribute} must be a whole number from 0 to {MaxChainDepth}.");
            }
        }),
    ];

    /// <param name="path">The event's place in the request, e.g. "[2]." in a batch, "" for a single event.</param>
    /// <returns>The event, or null when <paramref name="errors"/> received its problems.</returns>
    public static ResourceEvent? Create(EventSchema schema, CloudEvent cloudEvent, string caller, string path, ValidationErrors errors)
    {
        var typeField = path + (schema == EventSchema.EventGrid ? "eventType" : "type");
        var kind = EventType(cloudEvent.Type, typeField, errors);
        if (cloudEvent.Data is not JsonElement { ValueKind: JsonValueKind.Object } data)
        {
            var what = cloudEvent.Data is null ? "absent" : $"not a JSON object (datacontenttype '{cloudEvent.DataContentType ?? "unknown"}')";
            errors.Add(path + "data", $"data is required: the resource JSON, an object with its id; it is {what}.");
            return null;
        }

        if (!data.TryGetProperty("id", out var idValue) || idValue.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(idValue.GetString()))
        {
            errors.Add(path + "data.id", "data.id is required: the resource's id, a non-empty string.");
            return null;
        }

        var actor = cloudEvent[ActorAttribute] as string ?? ReadActor(data, path, errors);
        var depth = cloudEvent[ChainDepthAttribute] as int? ?? ReadDepth(data, path, errors);
        if (kind is not { } known || !errors.IsEmpty)
        {
            return null;
        }

        return new ResourceEvent(schema, cloudEvent, known.Resource, known.Action, idValue.GetString()!, data.Clone(), FilterDocument(cloudEvent, data), actor ?? caller, depth ?? 0);
    }

    /// <summary>"Item.Created" or "Faas.Item.Created", names matched case-insensitively.</summary>
    private static (TriggerResource Resource, string Action)? EventType(string? type, string field, ValidationErrors errors)
    {
        var name = type is not null && type.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? type[Prefix.Length..] : type ?? string.Empty;
        var parts = name.Split('.');
        if (parts.Length != 2 || !TriggerResources.TryParseResource(parts[0], out var resource))
        {
            errors.Add(field, $"'{type}' is not a resource event type; use <Resource>.<Action> such as Item.Created (optionally prefixed 'Faas.'), with a resource among {TriggerResources.ResourceNames}.");
            return null;
        }

        if (!TriggerResources.TryParseAction(resource, parts[1], out var action))
        {
            errors.Add(field, $"'{parts[1]}' is not an action of {resource}; it has {string.Join(", ", TriggerResources.Actions(resource))}.");
            return null;
        }

        return (resource, action);
    }

    private static string? ReadActor(JsonElement data, string path, ValidationErrors errors)
    {
        if (!data.TryGetProperty("actor", out var actor) || actor.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (actor.ValueKind == JsonValueKind.String && actor.GetString() is { Length: > 0 and <= 256 } text)
        {
            return text;
        }

        errors.Add(path + "data.actor", "data.actor must be a non-empty string of at most 256 characters.");
        return null;
    }

    private static int? ReadDepth(JsonElement data, string path, ValidationErrors errors)
    {
        if (!data.TryGetProperty("faasChainDepth", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // Senders often write numbers as strings.
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.String
            && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth) && depth <= MaxChainDepth)
        {
            return depth;
        }

        errors.Add(path + "data.faasChainDepth", $"faasChainDepth must be a whole number from 0 to {MaxChainDepth}.");
        return null;
    }

    // The event's own attributes sit beside the resource's fields, so that a filter can test both; a resource field
    // named @event is shadowed.
    private static JsonElement FilterDocument(CloudEvent cloudEvent, JsonElement data)
    {
        var attributes = new JsonObject();
        foreach (var (attribute, value) in cloudEvent.GetPopulatedAttributes())
        {
            if (attribute.Name != CloudEventsSpecVersion.V1_0.DataContentTypeAttribute.Name)
            {
                attributes[attribute.Name] = value switch
                {
                    int number => JsonValue.Create(number),
                    bool flag => JsonValue.Create(flag),
                    _ => JsonValue.Create(attribute.Format(value)),
                };
            }
        }

        var document = JsonObject.Create(data)!;
        document[FilterKey] = attributes;
        return JsonSerializer.SerializeToElement(document);
    }
}
