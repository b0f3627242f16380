namespace Faas.Serverless.Supervisor.Isolation;

/// <summary>
/// One replica process's folders, <c>{runnersRoot}/replicas/{launchId}/</c>: the codebase (the host's, read-only
/// to the replica), and a private HOME and TMPDIR (the replica's own, 0700). A launch id is new for every process,
/// so an orphan of a killed host and its replacement never share a folder. Only the result spool,
/// <c>{runnersRoot}/spool/{replicaId}/</c>, outlives a launch: the next process of the same replica reports what its
/// predecessor finished but could not deliver.
/// </summary>
internal sealed record ReplicaLayout(string Root)
{
    public const string ReplicasFolder = "replicas";
    public const string SpoolFolder = "spool";

    public string Codebase => Path.Combine(Root, "codebase");

    public string Home => Path.Combine(Root, "home");

    public string Tmp => Path.Combine(Root, "tmp");

    /// <summary>The agent's own state (--work-dir), inside its private HOME.</summary>
    public string WorkDir => Path.Combine(Home, ".faas-runner");

    /// <summary>The replica id's finished results not yet acknowledged by the host (--spool-dir), kept across launches.</summary>
    public string Spool
    {
        get
        {
            var launchId = Path.GetFileName(Root);
            var replicaId = launchId[..launchId.LastIndexOf('.')];
            return Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Root))!, SpoolFolder, replicaId);
        }
    }

    /// <summary>The host's record of the process and its token (root-only), read back after a host crash.</summary>
    public string LaunchRecord => Path.Combine(Root, "launch.json");

    public static ReplicaLayout For(string runnersRoot, string launchId) =>
        new(Path.Combine(runnersRoot, ReplicasFolder, launchId));
}
