using System.Text.Json;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

/// <summary>Checks values given by name (init params, execution inputs) against declared inputs.</summary>
public static class InputValidator
{
    /// <param name="path">The request field holding the values, e.g. <c>initParams</c> or <c>input</c>.</param>
    public static ValidationErrors Validate(IReadOnlyList<FunctionIo> declared, IReadOnlyDictionary<string, JsonElement>? values, string path)
    {
        var errors = new ValidationErrors();
        values ??= new Dictionary<string, JsonElement>();
        foreach (var input in declared)
        {
            if (!values.TryGetValue(input.Name, out var value))
            {
                errors.Add($"{path}.{input.Name}", $"'{input.Name}' ({input.Type}) is required.");
            }
            else if (!IoType.Parse(input.Type).Matches(value, out var reason))
            {
                errors.Add($"{path}.{input.Name}", $"'{input.Name}' must be {input.Type}: {reason}.");
            }
        }

        foreach (var name in values.Keys.Where(name => declared.All(input => input.Name != name)))
        {
            var known = declared.Count == 0 ? "none are declared" : "declared: " + string.Join(", ", declared.Select(input => input.Name));
            errors.Add($"{path}.{name}", $"'{name}' is not a declared input ({known}).");
        }

        return errors;
    }
}
