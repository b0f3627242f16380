using System.Text.Json;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Triggers.Dql;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers;

public static partial class TriggerValidator
{
    private static readonly JsonElement MatchAll = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>
    /// The first input of <paramref name="function"/> whose type is the resource's (e.g. Item): it receives the
    /// event's resource, and the other inputs come from spec.input.
    /// </summary>
    public static FunctionIo? ResourceInput(FunctionSchema function, TriggerResource resource)
    {
        ArgumentNullException.ThrowIfNull(function);
        var kind = TriggerResources.InputKind(resource);
        return function.Input.FirstOrDefault(input => IoType.TryParse(input.Type, out var type) && type == new IoType(kind, IsList: false));
    }

    private static TriggerSpec? ValidateEvent(TriggerSpecRequest spec, FunctionSchema? function, ValidationErrors errors)
    {
        RefuseFields(errors, "Cron", ("cron", spec.Cron is not null), ("timeZone", spec.TimeZone is not null), ("startAt", spec.StartAt is not null), ("endAt", spec.EndAt is not null), ("catchUp", spec.CatchUp is not null));
        TriggerResource? resource = null;
        if (spec.Resource is null)
        {
            errors.Add("spec.resource", $"spec.resource is required: one of {TriggerResources.ResourceNames}.");
        }
        else if (TriggerResources.TryParseResource(spec.Resource, out var parsed))
        {
            resource = parsed;
        }
        else
        {
            errors.Add("spec.resource", $"'{spec.Resource}' is not a resource; use one of {TriggerResources.ResourceNames}.");
        }

        var actions = resource is { } known ? ValidateActions(known, spec.Actions, errors) : null;
        var filter = spec.Filter is { ValueKind: not JsonValueKind.Null } given ? given : MatchAll;
        if (!DqlFilter.TryParse(filter, "spec.filter", out _, out var filterErrors))
        {
            foreach (var error in filterErrors)
            {
                errors.Add(error.Path, error.Message);
            }
        }

        var mode = resource is { } r && actions is not null ? ValidateMode(r, actions, spec.ExecutionMode, errors) : null;
        var input = resource is { } target && function is not null ? ValidateEventInput(target, function, spec.Input, errors) : null;
        return resource is null || actions is null || mode is null || input is null
            ? null
            : new TriggerSpec(resource, actions, filter.Clone(), mode, input, new TriggerOperation(TriggerOperation.FunctionType, string.Empty, string.Empty), null, null, null, null, null);
    }

    private static List<string>? ValidateActions(TriggerResource resource, IReadOnlyList<string>? actions, ValidationErrors errors)
    {
        var allowed = string.Join(", ", TriggerResources.Actions(resource));
        if (actions is not { Count: > 0 })
        {
            errors.Add("spec.actions", $"spec.actions needs at least one action; {resource} has {allowed}.");
            return null;
        }

        var canonical = new List<string>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            if (!TriggerResources.TryParseAction(resource, actions[i], out var action))
            {
                errors.Add($"spec.actions[{i}]", $"'{actions[i]}' is not an action of {resource}; it has {allowed}.");
            }
            else if (canonical.Contains(action))
            {
                errors.Add($"spec.actions[{i}]", $"'{action}' is listed twice.");
            }
            else
            {
                canonical.Add(action);
            }
        }

        return canonical.Count == actions.Count ? canonical : null;
    }

    private static TriggerExecutionMode? ValidateMode(TriggerResource resource, List<string> actions, string? requested, ValidationErrors errors)
    {
        var refusesOnce = actions.FirstOrDefault(action => !TriggerResources.AllowsOnce(resource, action));
        if (requested is null)
        {
            return refusesOnce is null ? TriggerExecutionMode.Once : TriggerExecutionMode.Always;
        }

        if (!Enum.TryParse<TriggerExecutionMode>(requested, ignoreCase: true, out var mode) || !Enum.IsDefined(mode) || requested.Any(char.IsAsciiDigit))
        {
            errors.Add("spec.executionMode", $"'{requested}' is not an execution mode; use Once or Always.");
            return null;
        }

        if (mode == TriggerExecutionMode.Once && refusesOnce is not null)
        {
            errors.Add("spec.executionMode", $"{resource}.{refusesOnce} triggers fire on every change; Once is not available for them, use Always.");
            return null;
        }

        return mode;
    }

    private static Dictionary<string, JsonElement>? ValidateEventInput(TriggerResource resource, FunctionSchema function, Dictionary<string, JsonElement>? input, ValidationErrors errors)
    {
        var kind = TriggerResources.InputKind(resource);
        if (ResourceInput(function, resource) is not { } receiver)
        {
            errors.Add("spec.operation.functionName", $"Function '{function.Name}' has no input of type {kind} to receive the {resource} of the event; declare one, e.g. {{\"name\": \"{kind.ToString().ToLowerInvariant()}\", \"type\": \"{kind}\"}}.");
            return null;
        }

        input ??= [];
        if (input.ContainsKey(receiver.Name))
        {
            errors.Add($"spec.input.{receiver.Name}", $"'{receiver.Name}' receives the event's {resource}; remove it from spec.input.");
            return null;
        }

        var inputErrors = InputValidator.Validate([.. function.Input.Where(declared => declared != receiver)], input, "spec.input");
        errors.AddAll(inputErrors);
        return inputErrors.IsEmpty ? input : null;
    }
}
