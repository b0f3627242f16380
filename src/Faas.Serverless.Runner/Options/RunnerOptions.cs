namespace Faas.Serverless.Runner.Options;

/// <summary>Validated start-up options of one runner agent (one service replica).</summary>
/// <param name="HostUri">Base address of the Faas.Serverless host, e.g. http://127.0.0.1:7071/.</param>
/// <param name="Token">The service bot's API key, from stdin or FAAS_RUNNER_TOKEN (never argv).</param>
/// <param name="WorkDir">Root of the agent's local state; codebases are cached under {WorkDir}/codebases.</param>
/// <param name="Python">Python interpreter: a command looked up on PATH or a path to an executable.</param>
/// <param name="SdkDir">Folder that holds the <c>faas</c> Python package (put first on PYTHONPATH).</param>
/// <param name="ParentPid">The process that started the agent (the local host); when it is gone the agent finishes its calls and exits.</param>
internal sealed record RunnerOptions(
    Uri HostUri,
    string ProjectId,
    string ServiceId,
    string ReplicaId,
    string Token,
    string WorkDir,
    string Python,
    string SdkDir,
    int? ParentPid = null)
{
    /// <summary>The codebase the local host verified and extracted read-only for this replica; null: download it.</summary>
    public string? CodebaseDir { get; init; }

    /// <summary>Where finished results wait for the host's acknowledgement; it must outlive the process (same replica id).</summary>
    public string? SpoolDir { get; init; }

    /// <summary>Stdin is the parent's pipe: the token came from it, and its end means the parent is gone.</summary>
    public bool ParentStdin { get; init; }

    /// <summary>The agent's pid as its parent sees it (from stdin), reported to the host in place of its own.</summary>
    public int? SeenPid { get; init; }

    /// <summary>Stop (drain, Stopped, exit 0) after this long with no call running and nothing to report; null: never.</summary>
    public TimeSpan? ExitWhenIdle { get; init; }

    /// <summary>Relative base path of the service's runner API (no leading slash, trailing slash).</summary>
    public string ServiceBasePath =>
        $"api/v1/projects/{Uri.EscapeDataString(ProjectId)}/services/{Uri.EscapeDataString(ServiceId)}/";

    public override string ToString() =>
        $"RunnerOptions {{ HostUri = {HostUri}, ProjectId = {ProjectId}, ServiceId = {ServiceId}, ReplicaId = {ReplicaId}, "
        + $"WorkDir = {WorkDir}, Python = {Python}, SdkDir = {SdkDir}, CodebaseDir = {CodebaseDir}, SpoolDir = {SpoolDir}, ParentPid = {ParentPid}, "
        + $"ParentStdin = {ParentStdin}, ExitWhenIdle = {ExitWhenIdle}, Token = *** }}";
}
