namespace Faas.Serverless.Testing;

/// <summary>
/// This checkout's build outputs, in the configuration (Debug or Release) the running tests were built in: for tests
/// that start a host as a process, or read what a build wrote next to its project.
/// </summary>
public static class RepositoryBuild
{
    private const string SolutionFile = "Faas.Serverless.sln";

    /// <summary>The folder of <c>Faas.Serverless.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The output folder of the project in <paramref name="projectDirectory"/>, e.g. <c>hosts/Faas.Serverless.Host</c>.</summary>
    public static string OutputOf(string projectDirectory) =>
        Path.Combine(Root, projectDirectory, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
