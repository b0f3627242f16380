namespace Faas.Serverless.Supervisor;

/// <summary>Finds the runner agent built alongside the host in a source checkout.</summary>
internal static class AgentLocator
{
    private const string AgentFile = "faas-runner.dll";

    public static string Find(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"Faas:Runners:AgentPath '{configured}' does not exist.");
        }

        var besideHost = Path.Combine(AppContext.BaseDirectory, AgentFile);
        if (File.Exists(besideHost))
        {
            return besideHost;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faas.Serverless.sln")))
            {
                var built = Path.Combine(dir.FullName, "src", "Faas.Serverless.Runner", "bin", configuration, "net10.0", AgentFile);
                return File.Exists(built) ? built : throw new InvalidOperationException($"The runner agent is not built: {built} is missing. Run 'dotnet build Faas.Serverless.sln'.");
            }
        }

        throw new InvalidOperationException($"Cannot find {AgentFile}: set Faas:Runners:AgentPath.");
    }
}
