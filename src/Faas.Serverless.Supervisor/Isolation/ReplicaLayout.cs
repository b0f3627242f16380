namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// One replica process's folders, <c>{runnersRoot}/replicas/{launchId}/</c>: the codebase (the host's, read-only
/// to the replica), and a private HOME and TMPDIR (the replica's own, 0700). A launch id is new for every process,
/// so an orphan of a killed host and its replacement never share a folder.
/// </summary>
internal sealed record ReplicaLayout(string Root)
{
    public const string ReplicasFolder = "replicas";

    public string Codebase => Path.Combine(Root, "codebase");

    public string Home => Path.Combine(Root, "home");

    public string Tmp => Path.Combine(Root, "tmp");

    /// <summary>The agent's own state (--work-dir), inside its private HOME.</summary>
    public string WorkDir => Path.Combine(Home, ".faas-runner");

    /// <summary>The host's record of the process and its token (root-only), read back after a host crash.</summary>
    public string LaunchRecord => Path.Combine(Root, "launch.json");

    public static ReplicaLayout For(string runnersRoot, string launchId) =>
        new(Path.Combine(runnersRoot, ReplicasFolder, launchId));
}
