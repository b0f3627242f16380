using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers;

/// <summary>
/// Applies a PATCH body to a trigger: the fields it names replace the trigger's (inside <c>spec</c>, field by field),
/// <c>null</c> removes one, and the result is validated as a whole like a create.
/// </summary>
public static class TriggerPatch
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TriggerRequest Apply(Trigger current, JsonElement patch)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (patch.ValueKind != JsonValueKind.Object)
        {
            var errors = new ValidationErrors();
            errors.Add("body", "A PATCH body is a JSON object of the fields to change.");
            throw new ValidationFailedException(errors);
        }

        var merged = JsonSerializer.SerializeToNode(ToRequest(current), Options)!.AsObject();
        foreach (var field in patch.EnumerateObject())
        {
            if (string.Equals(field.Name, "spec", StringComparison.OrdinalIgnoreCase) && field.Value.ValueKind == JsonValueKind.Object
                && Find(merged, "spec") is JsonObject spec)
            {
                foreach (var specField in field.Value.EnumerateObject())
                {
                    Set(spec, specField);
                }
            }
            else
            {
                Set(merged, field);
            }
        }

        try
        {
            return merged.Deserialize<TriggerRequest>(Options) ?? new TriggerRequest();
        }
        catch (JsonException ex)
        {
            var errors = new ValidationErrors();
            errors.Add(ex.Path is { Length: > 2 } path ? path[2..] : "body", "The value has the wrong JSON type for this field.");
            throw new ValidationFailedException(errors);
        }
    }

    /// <summary>The trigger in the shape of a create request, so that a patch can be validated like one.</summary>
    private static TriggerRequest ToRequest(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var spec = trigger.Spec;
        return new TriggerRequest
        {
            Name = trigger.Name,
            Type = trigger.Type.ToString(),
            Active = trigger.Active,
            Spec = new TriggerSpecRequest
            {
                Resource = spec.Resource?.ToString(),
                Actions = spec.Actions,
                Filter = spec.Filter,
                ExecutionMode = spec.ExecutionMode?.ToString(),
                Input = new Dictionary<string, JsonElement>(spec.Input, StringComparer.Ordinal),
                Operation = new TriggerOperationRequest { Type = spec.Operation.Type, ServiceId = spec.Operation.ServiceId, FunctionName = spec.Operation.FunctionName },
                Cron = spec.Cron,
                TimeZone = spec.TimeZone,
                StartAt = spec.StartAt?.ToString("O", CultureInfo.InvariantCulture),
                EndAt = spec.EndAt?.ToString("O", CultureInfo.InvariantCulture),
                CatchUp = spec.CatchUp?.ToString(),
            },
        };
    }

    private static JsonNode? Find(JsonObject target, string name) =>
        target.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static void Set(JsonObject target, JsonProperty field)
    {
        foreach (var key in target.Select(pair => pair.Key).Where(key => string.Equals(key, field.Name, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            target.Remove(key);
        }

        if (field.Value.ValueKind != JsonValueKind.Null)
        {
            target[field.Name] = JsonNode.Parse(field.Value.GetRawText());
        }
    }
}
