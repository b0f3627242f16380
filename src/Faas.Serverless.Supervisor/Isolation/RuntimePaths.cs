namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// What a replica needs from the host's files, resolved to real paths: a sandbox binds exactly these, and a
/// replica with a uid of its own must be able to read them.
/// </summary>
/// <param name="Dotnet">The dotnet executable that runs the agent's dll (or the agent itself when it is not a dll).</param>
/// <param name="DotnetRoot">The folder holding <paramref name="Dotnet"/> and its shared runtimes.</param>
/// <param name="Agent">faas-runner.dll (or an executable).</param>
/// <param name="SdkDir">The folder holding the <c>faas</c> Python package.</param>
/// <param name="Python">The real interpreter (never a pyenv shim, which needs the host's HOME and PATH).</param>
/// <param name="PythonRoots">The interpreter's installation (sys.prefix and sys.base_prefix).</param>
internal sealed record RuntimePaths(string Dotnet, string DotnetRoot, string Agent, string SdkDir, string Python, IReadOnlyList<string> PythonRoots)
{
    public bool AgentIsDll => Agent.EndsWith(".dll", StringComparison.Ordinal);

    public string AgentDir => Path.GetDirectoryName(Agent)!;

    /// <summary>Read-only folders a replica needs, outermost only.</summary>
    public IReadOnlyList<string> ReadOnlyFolders()
    {
        var folders = new[] { DotnetRoot, AgentDir, SdkDir }.Concat(PythonRoots).Distinct(StringComparer.Ordinal).ToList();
        return [.. folders.Where(folder => !folders.Any(other => other != folder && IsUnder(folder, other)))];
    }

    public static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal);
}
