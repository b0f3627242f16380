namespace Faas.Serverless.Runner.Options;

/// <summary>Resolves and checks the work dir, the Python interpreter, the SDK folder and a given codebase folder.</summary>
internal static partial class RunnerOptionsParser
{
    private static string? ResolveWorkDir(string? value, Func<string, string?> environment, List<string> errors)
    {
        value ??= environment(RunnerEnvironment.WorkDir);
        if (string.IsNullOrWhiteSpace(value))
        {
            var home = environment("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            if (string.IsNullOrWhiteSpace(home))
            {
                errors.Add($"Cannot find a home folder for the default work dir; pass --work-dir or set {RunnerEnvironment.WorkDir}.");
                return null;
            }

            value = Path.Combine(home, ".faas", "runner");
        }

        try
        {
            var full = Path.GetFullPath(value);
            Directory.CreateDirectory(full);
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            errors.Add($"--work-dir '{value}' cannot be created or used: {ex.Message}");
            return null;
        }
    }

    private static string? ResolvePython(string value, Func<string, string?> environment, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("--python must not be empty.");
            return null;
        }

        if (value.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || value.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(value);
            if (!File.Exists(full))
            {
                errors.Add($"--python '{value}' does not exist.");
                return null;
            }

            return full;
        }

        var path = environment("PATH") ?? string.Empty;
        var found = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, value)) || (OperatingSystem.IsWindows() && File.Exists(Path.Combine(dir, value + ".exe"))));
        if (!found)
        {
            errors.Add($"--python '{value}' is not found on PATH; install Python 3 or pass --python <path>.");
            return null;
        }

        return value;
    }

    private static string? ResolveCodebaseDir(string? value, List<string> errors)
    {
        if (value is null)
        {
            return null;
        }

        var full = Path.GetFullPath(value);
        if (!Directory.Exists(full))
        {
            errors.Add($"--codebase-dir '{value}' is not a folder.");
            return null;
        }

        return full;
    }

    private static string? ResolveSdk(string? value, Func<string, string?> environment, string baseDirectory, List<string> errors)
    {
        var source = "--sdk";
        if (string.IsNullOrWhiteSpace(value))
        {
            value = FindRepoSdk(baseDirectory);
            source = "the repository's sdk/python";
            if (value is null)
            {
                value = environment(RunnerEnvironment.PythonSdk);
                source = RunnerEnvironment.PythonSdk;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"Cannot find the Python SDK: no Faas.Serverless.sln above '{baseDirectory}'; pass --sdk <dir> or set {RunnerEnvironment.PythonSdk}.");
                return null;
            }
        }

        var full = Path.GetFullPath(value);
        if (!Directory.Exists(Path.Combine(full, "faas")))
        {
            errors.Add($"The Python SDK folder '{full}' (from {source}) has no 'faas' package; it must be the folder that contains faas/.");
            return null;
        }

        return full;
    }

    private static string? FindRepoSdk(string baseDirectory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(baseDirectory)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                var sdk = Path.Combine(dir.FullName, "sdk", "python");
                return Directory.Exists(sdk) ? sdk : null;
            }
        }

        return null;
    }
}
