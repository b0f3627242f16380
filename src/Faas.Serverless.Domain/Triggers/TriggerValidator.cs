using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Triggers;

/// <summary>A request that passed validation, with defaults applied and names in their canonical spelling.</summary>
public sealed record ValidatedTrigger(string Name, TriggerType Type, bool Active, TriggerSpec Spec);

/// <summary>
/// The module deployed by the service that spec.operation.serviceId names, looked up before validation;
/// <paramref name="ServiceProblem"/> says why it cannot be used (unknown, being deleted, package gone).
/// </summary>
public sealed record TriggerTarget(ModuleSchema? Module, string? ServiceProblem)
{
    public static readonly TriggerTarget None = new(null, null);
}

/// <summary>
/// Checks a whole trigger request and reports every problem under its field path (<c>spec.actions[1]</c>,
/// <c>spec.filter.$and[0].dir</c>, <c>spec.operation.functionName</c>, ...). Pure: the caller looks up the target.
/// </summary>
public static partial class TriggerValidator
{
    public const int MaxNameLength = 100;

    /// <param name="rules">The host's limits; <see cref="TriggerRules.None"/> when null.</param>
    /// <exception cref="ValidationFailedException">The request is invalid; every problem is listed.</exception>
    public static ValidatedTrigger Validate(TriggerRequest request, TriggerTarget target, TriggerRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(target);
        var errors = new ValidationErrors();
        var name = ValidateName(request.Name, errors);
        var spec = request.Spec;
        var type = ValidateType(request.Type, spec, errors);
        if (spec is null)
        {
            errors.Add("spec", "spec is required.");
            throw new ValidationFailedException(errors);
        }

        var function = ValidateOperation(spec.Operation, target, errors);
        var validated = type switch
        {
            TriggerType.Event => ValidateEvent(spec, function, errors),
            TriggerType.Cron => ValidateCron(spec, function, rules ?? TriggerRules.None, errors),
            _ => null,
        };
        return errors.IsEmpty && validated is not null && function is not null
            ? new ValidatedTrigger(name!, type!.Value, request.Active ?? true, validated with { Operation = new TriggerOperation(TriggerOperation.FunctionType, spec.Operation!.ServiceId!, function.Name) })
            : throw new ValidationFailedException(errors);
    }

    private static string? ValidateName(string? name, ValidationErrors errors)
    {
        var problem = string.IsNullOrWhiteSpace(name) ? "name is required."
            : name.Length > MaxNameLength ? $"name must be at most {MaxNameLength} characters."
            : name.Any(char.IsControl) ? "name must not contain control characters."
            : null;
        if (problem is not null)
        {
            errors.Add("name", problem);
        }

        return name;
    }

    private static TriggerType? ValidateType(string? type, TriggerSpecRequest? spec, ValidationErrors errors)
    {
        if (type is null)
        {
            return spec?.Cron is null ? TriggerType.Event : TriggerType.Cron;
        }

        if (Enum.TryParse<TriggerType>(type, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !type.Any(char.IsAsciiDigit))
        {
            return parsed;
        }

        errors.Add("type", $"'{type}' is not a trigger type; use Event or Cron.");
        return null;
    }

    private static FunctionSchema? ValidateOperation(TriggerOperationRequest? operation, TriggerTarget target, ValidationErrors errors)
    {
        if (operation is null)
        {
            errors.Add("spec.operation", "spec.operation is required: {\"type\": \"function\", \"serviceId\": \"...\", \"functionName\": \"...\"}.");
            return null;
        }

        if (operation.Type is not null && !string.Equals(operation.Type, TriggerOperation.FunctionType, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("spec.operation.type", $"'{operation.Type}' is not supported; the only operation type is 'function'.");
        }

        if (string.IsNullOrWhiteSpace(operation.ServiceId))
        {
            errors.Add("spec.operation.serviceId", "spec.operation.serviceId is required.");
            return null;
        }

        if (target.ServiceProblem is not null || target.Module is not { } module)
        {
            errors.Add("spec.operation.serviceId", target.ServiceProblem ?? $"Service '{operation.ServiceId}' was not found in this project.");
            return null;
        }

        var function = operation.FunctionName is null
            ? module.Functions.Count == 1 ? module.Functions[0] : null
            : module.FindFunction(operation.FunctionName);
        if (function is null)
        {
            var available = string.Join(", ", module.Functions.Select(f => f.Name));
            errors.Add("spec.operation.functionName", operation.FunctionName is null
                ? $"spec.operation.functionName is required; the service's module has {available}."
                : $"Function '{operation.FunctionName}' is not in module '{module.Name}'; it has {available}.");
        }

        return function;
    }

    private static void RefuseFields(ValidationErrors errors, string otherType, params (string Field, bool Present)[] fields)
    {
        foreach (var (field, present) in fields.Where(field => field.Present))
        {
            errors.Add($"spec.{field}", $"spec.{field} is only for {otherType} triggers; remove it or set type to {otherType}.");
        }
    }
}
