using System.Text.Json;

namespace Faas.Serverless.Domain.Triggers;

// The body of a create or a patched trigger as the user sent it: every field may be absent, so that validation
// can tell "absent" from "invalid" and name the field.

public sealed record TriggerRequest
{
    public string? Name { get; init; }

    /// <summary>"Event" or "Cron"; absent means Cron when spec.cron is given, Event otherwise.</summary>
    public string? Type { get; init; }

    public bool? Active { get; init; }

    public TriggerSpecRequest? Spec { get; init; }
}

public sealed record TriggerSpecRequest
{
    public string? Resource { get; init; }

    public IReadOnlyList<string>? Actions { get; init; }

    public JsonElement? Filter { get; init; }

    public string? ExecutionMode { get; init; }

    public Dictionary<string, JsonElement>? Input { get; init; }

    public TriggerOperationRequest? Operation { get; init; }

    public string? Cron { get; init; }

    public string? TimeZone { get; init; }

    /// <summary>ISO 8601; without an offset it is a wall-clock time in <see cref="TimeZone"/>.</summary>
    public string? StartAt { get; init; }

    public string? EndAt { get; init; }

    public string? CatchUp { get; init; }
}

public sealed record TriggerOperationRequest
{
    public string? Type { get; init; }

    public string? ServiceId { get; init; }

    public string? FunctionName { get; init; }
}
