using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Supervisor.Isolation;

public enum IsolationMode
{
    /// <summary>The strongest separation this machine offers: bubblewrap and/or a uid per replica (docs/security.md).</summary>
    Auto,

    /// <summary>Replicas run as the host's user with the host's view of the files: an explicit opt-out, warned about at start-up.</summary>
    None,
}

/// <summary>Bound from <c>Faas:Runners:Isolation</c> (host.json <c>extensions.faas.runners.isolation</c>).</summary>
public sealed record IsolationOptions
{
    public const string Section = "Faas:Runners:Isolation";

    public IsolationMode Mode { get; init; } = IsolationMode.Auto;

    /// <summary>First uid (and gid) given to replicas when the host runs as root; one per live replica.</summary>
    [Range(1000, 2_000_000_000)]
    public int UidBase { get; init; } = 200_000;

    /// <summary>How many uids from <see cref="UidBase"/> replicas may use: the most replicas that run at once.</summary>
    [Range(1, 1_000_000)]
    public int UidCount { get; init; } = 10_000;

    /// <summary>
    /// Host folders bound writable into every replica at the same path. Empty by default: anything listed here is
    /// shared by all projects (the end-to-end tests use one to count calls).
    /// </summary>
    public IReadOnlyList<string> SharedPaths { get; init; } = [];
}
