using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// Turns a user's schema into a <see cref="PackageSchema"/>, applying the documented defaults. A field that
/// is absent or null gets its default; a field that is present but empty is an error, like any invalid value.
/// </summary>
public static class PackageSchemaValidator
{
    public static (PackageSchema? Schema, ValidationErrors Errors) Validate(PackageSchemaInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new ValidationErrors();
        if (input.Name is null)
        {
            errors.Add("name", "Package name is required.");
        }
        else if (!Identifiers.IsValidName(input.Name))
        {
            errors.Add("name", $"Package name '{input.Name}' is invalid: it {Identifiers.NameRule}.");
        }

        var modules = ValidateModules(input.Modules, errors);
        return errors.IsEmpty ? (new PackageSchema(input.Name!, modules), errors) : (null, errors);
    }

    private static List<ModuleSchema> ValidateModules(
        IReadOnlyList<ModuleSchemaInput?>? modules, ValidationErrors errors)
    {
        if (modules is null || modules.Count == 0)
        {
            return [PackageDefaults.Module];
        }

        var result = new List<ModuleSchema>(modules.Count);
        var firstIndexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < modules.Count; i++)
        {
            var path = $"modules[{i}]";
            if (modules[i] is not { } module)
            {
                errors.Add(path, "A module must be an object, not null.");
                continue;
            }

            var name = module.Name ?? PackageDefaults.ModuleName;
            if (!Identifiers.IsValidName(name))
            {
                errors.Add($"{path}.name", $"Module name '{name}' is invalid: it {Identifiers.NameRule}.");
            }
            else if (!firstIndexByName.TryAdd(name, i))
            {
                errors.Add($"{path}.name", $"Duplicate module name '{name}' (also used by modules[{firstIndexByName[name]}]).");
            }

            var entryPoint = module.EntryPoint ?? PackageDefaults.EntryPoint;
            if (EntryPointProblem(entryPoint) is { } entryPointProblem)
            {
                errors.Add($"{path}.entryPoint", $"entryPoint '{entryPoint}' is invalid: {entryPointProblem}.");
            }

            var className = module.ClassName ?? PackageDefaults.ClassName;
            if (Identifiers.PythonIdentifierProblem(className) is { } classNameProblem)
            {
                errors.Add($"{path}.className", $"className '{className}' is invalid: it {classNameProblem}.");
            }

            var initInputs = FunctionSchemaValidator.ValidateIo(
                module.InitInputs, $"{path}.initInputs", FunctionSchemaValidator.InitInputReservedNames, errors);
            var functions = FunctionSchemaValidator.ValidateFunctions(module.Functions, $"{path}.functions", errors);
            result.Add(new ModuleSchema(name, entryPoint, className, initInputs, functions));
        }

        return result;
    }

    private static string? EntryPointProblem(string entryPoint)
    {
        if (RelativePaths.EscapeProblem(entryPoint) is { } problem)
        {
            return $"it must be a relative path inside the codebase; {problem}";
        }

        if (!entryPoint.EndsWith(".py", StringComparison.Ordinal) || entryPoint.EndsWith("/.py", StringComparison.Ordinal)
            || entryPoint == ".py")
        {
            return "it must name a Python file ending in '.py'";
        }

        // The entry point is compared with zip entry names as written, so "./main.py" or "a//main.py" would never match.
        return entryPoint.Split('/').Any(segment => segment is "" or ".")
            ? "it must not contain empty or '.' segments"
            : null;
    }
}
