namespace Faas.Serverless.Testing;

internal static class AzuritePaths
{
    private const string OverrideVariable = "FAAS_AZURITE_PATH";
    private const string SolutionFile = "Faas.Serverless.sln";

    /// <summary>FAAS_AZURITE_PATH, else node_modules/.bin/azurite next to the solution file.</summary>
    public static string Find()
    {
        var configured = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{OverrideVariable} points to '{configured}', which does not exist.");
        }

        var root = SolutionRoot();
        var executable = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        return File.Exists(executable)
            ? executable
            : throw new InvalidOperationException(
                $"Azurite is not installed ({executable} is missing). Run the test command from the README (scripts/test.sh installs it), " +
                $"or run 'npm ci' in {root}, or set {OverrideVariable}.");
    }

    private static string SolutionRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}; set {OverrideVariable} to the Azurite executable.");
    }
}
