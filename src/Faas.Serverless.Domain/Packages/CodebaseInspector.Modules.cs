using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

public sealed partial class CodebaseInspector
{
    private const int MaxListedPythonFiles = 10;

    /// <summary>
    /// Checks that each module's entryPoint is a file of the codebase and defines className at its top level.
    /// Paths are relative to the zip root: a zip whose files sit under one top-level folder does not match.
    /// </summary>
    /// <exception cref="ArgumentException">The inspection found the zip itself invalid.</exception>
    public static ValidationErrors CheckModules(PackageSchema schema, CodebaseInspection inspection)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(inspection);
        if (!inspection.IsValid)
        {
            throw new ArgumentException("Modules can only be checked against a valid codebase inspection.", nameof(inspection));
        }

        var errors = new ValidationErrors();
        var files = inspection.Files.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < schema.Modules.Count; i++)
        {
            var module = schema.Modules[i];
            if (!files.Contains(module.EntryPoint))
            {
                errors.Add($"modules[{i}].entryPoint", EntryPointNotFound(module.EntryPoint, inspection.Files));
            }
            else if (!inspection.PythonClasses.TryGetValue(module.EntryPoint, out var classes))
            {
                errors.Add(
                    $"modules[{i}].className",
                    $"'{module.EntryPoint}' is too large to be searched for class '{module.ClassName}'.");
            }
            else if (!classes.Contains(module.ClassName, StringComparer.Ordinal))
            {
                var found = classes.Count == 0 ? "it defines no top-level classes" : $"classes found: {string.Join(", ", classes)}";
                errors.Add(
                    $"modules[{i}].className",
                    $"class '{module.ClassName}' is not defined at the top level of '{module.EntryPoint}'; {found}.");
            }
        }

        return errors;
    }

    private static string EntryPointNotFound(string entryPoint, IReadOnlyList<string> files)
    {
        var pythonFiles = files.Where(file => file.EndsWith(".py", StringComparison.Ordinal)).ToList();
        var found = pythonFiles.Count == 0
            ? "no .py files"
            : string.Join(", ", pythonFiles.Take(MaxListedPythonFiles))
                + (pythonFiles.Count > MaxListedPythonFiles ? $" and {pythonFiles.Count - MaxListedPythonFiles} more" : string.Empty);
        return $"entryPoint '{entryPoint}' was not found at the root of the codebase zip " +
            $"(paths are relative to the zip root, not to a top-level folder); found: {found}.";
    }
}
