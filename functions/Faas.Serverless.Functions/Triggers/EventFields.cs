using System.Globalization;
using System.Text.Json;
using Faas.Serverless.Domain.Triggers;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Functions.Triggers;

/// <summary>Field rules shared by the Event Grid and CloudEvents formats; each reports problems under the field's path.</summary>
internal static class EventFields
{
    public const int MaxIdLength = 256;
    public const int MaxChainDepth = 1000;
    private const string Prefix = "Faas.";

    public static string? RequiredString(JsonElement item, string name, string path, ValidationErrors errors, int maxLength = MaxIdLength) =>
        ReadString(item, name, path, errors, maxLength, required: true);

    public static string? OptionalString(JsonElement item, string name, string path, ValidationErrors errors, int maxLength = MaxIdLength) =>
        ReadString(item, name, path, errors, maxLength, required: false);

    public static DateTimeOffset? OptionalTime(JsonElement item, string name, string path, ValidationErrors errors)
    {
        var text = OptionalString(item, name, path, errors, 64);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        errors.Add(path + name, $"'{text}' is not an RFC 3339 timestamp.");
        return null;
    }

    /// <summary>"Item.Created" or "Faas.Item.Created", names matched case-insensitively.</summary>
    public static (TriggerResource Resource, string Action)? EventType(string? type, string field, ValidationErrors errors)
    {
        if (type is null)
        {
            return null;
        }

        var name = type.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? type[Prefix.Length..] : type;
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

    /// <summary>The resource JSON: an object with a non-empty string id.</summary>
    public static string? ResourceId(JsonElement item, string path, ValidationErrors errors)
    {
        if (!item.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path + "data", "data is required: the resource JSON, an object with its id.");
            return null;
        }

        return RequiredString(data, "id", path + "data.", errors);
    }

    public static int? ChainDepth(JsonElement holder, string name, string path, ValidationErrors errors)
    {
        if (!holder.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        // CloudEvents extension values are often sent as strings.
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (value.ValueKind is JsonValueKind.Number or JsonValueKind.String
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth <= MaxChainDepth)
        {
            return depth;
        }

        errors.Add(path + name, $"{name} must be a whole number from 0 to {MaxChainDepth}.");
        return null;
    }

    private static string? ReadString(JsonElement item, string name, string path, ValidationErrors errors, int maxLength, bool required)
    {
        var present = item.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;
        var text = present && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!string.IsNullOrWhiteSpace(text) && text.Length <= maxLength)
        {
            return text;
        }

        if (present || required)
        {
            errors.Add(path + name, $"{name} is {(required ? "required" : "optional")} and must be a non-empty string of at most {maxLength} characters.");
        }

        return null;
    }
}
