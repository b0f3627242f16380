using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

internal static class FunctionSchemaValidator
{
    // The worker calls methods as instance methods and passes its progress reporter as "progress".
    public static readonly IReadOnlySet<string> FunctionInputReservedNames =
        new HashSet<string>(["self", "progress"], StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> InitInputReservedNames =
        new HashSet<string>(["self"], StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> NoReservedNames = new HashSet<string>(StringComparer.Ordinal);

    public static IReadOnlyList<FunctionSchema> ValidateFunctions(
        IReadOnlyList<FunctionSchemaInput?>? functions, string path, ValidationErrors errors)
    {
        if (functions is null || functions.Count == 0)
        {
            return [PackageDefaults.Function];
        }

        var result = new List<FunctionSchema>(functions.Count);
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < functions.Count; i++)
        {
            var functionPath = $"{path}[{i}]";
            if (functions[i] is not { } function)
            {
                errors.Add(functionPath, "A function must be an object, not null.");
                continue;
            }

            var name = function.Name ?? string.Empty;
            if (function.Name is null)
            {
                errors.Add($"{functionPath}.name", "Function name is required.");
            }
            else if (FunctionNameProblem(name) is { } problem)
            {
                errors.Add($"{functionPath}.name", $"Function name '{name}' is invalid: it {problem}.");
            }
            else if (!firstIndexByName.TryAdd(name, i))
            {
                errors.Add($"{functionPath}.name", $"Duplicate function name '{name}' (also used by {path}[{firstIndexByName[name]}]).");
            }

            var input = ValidateIo(function.Input, $"{functionPath}.input", FunctionInputReservedNames, errors);
            var output = ValidateIo(function.Output, $"{functionPath}.output", NoReservedNames, errors);
            var displayName = string.IsNullOrWhiteSpace(function.DisplayName) ? name : function.DisplayName;
            result.Add(new FunctionSchema(name, function.Description, displayName, input, output));
        }

        return result;
    }

    public static IReadOnlyList<FunctionIo> ValidateIo(
        IReadOnlyList<FunctionIoInput?>? ios, string path, IReadOnlySet<string> reservedNames, ValidationErrors errors)
    {
        if (ios is null)
        {
            return [];
        }

        var result = new List<FunctionIo>(ios.Count);
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ios.Count; i++)
        {
            var ioPath = $"{path}[{i}]";
            if (ios[i] is not { } io)
            {
                errors.Add(ioPath, "An input or output must be an object with a name and a type, not null.");
                continue;
            }

            var name = io.Name ?? string.Empty;
            if (io.Name is null)
            {
                errors.Add($"{ioPath}.name", "Name is required.");
            }
            else if (Identifiers.PythonIdentifierProblem(name) is { } problem)
            {
                errors.Add($"{ioPath}.name", $"Name '{name}' is invalid: it {problem}.");
            }
            else if (reservedNames.Contains(name))
            {
                errors.Add($"{ioPath}.name", $"Name '{name}' is reserved for the runtime's own parameter.");
            }
            else if (!firstIndexByName.TryAdd(name, i))
            {
                errors.Add($"{ioPath}.name", $"Duplicate name '{name}' (also used by {path}[{firstIndexByName[name]}]).");
            }

            var type = default(IoType);
            if (io.Type is null)
            {
                errors.Add($"{ioPath}.type", $"Type is required. Allowed types: {IoType.AllowedNamesDescription}.");
            }
            else if (!IoType.TryParse(io.Type, out type))
            {
                errors.Add($"{ioPath}.type", $"Unknown type '{io.Type}'. Allowed types: {IoType.AllowedNamesDescription}.");
            }

            result.Add(new FunctionIo(name, type.Name));
        }

        return result;
    }

    // Dunder names are Python's special methods, and "__x" is name-mangled to "_Class__x", so the worker
    // could not call either by the declared name.
    private static string? FunctionNameProblem(string name) =>
        Identifiers.PythonIdentifierProblem(name)
        ?? (name.StartsWith("__", StringComparison.Ordinal) ? "must not start with '__'" : null);
}
