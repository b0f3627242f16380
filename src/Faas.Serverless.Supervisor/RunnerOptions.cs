using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Supervisor;

public enum RunnerProvider
{
    /// <summary>Replicas are runner processes on this machine, supervised by the host.</summary>
    Local,

    /// <summary>Replicas run elsewhere, managed by something else; the host only serves them.</summary>
    External,

    /// <summary>One Azure Container Apps job per service, created, updated and deleted by the host (Faas.Serverless.ContainerApps).</summary>
    ContainerApps,
}

/// <summary>Bound from <c>Faas:Runners</c> (host.json <c>extensions.faas.runners</c>).</summary>
public sealed record RunnerOptions
{
    public const string Section = "Faas:Runners";

    public RunnerProvider Provider { get; init; } = RunnerProvider.Local;

    /// <summary>The runner agent's dll; found next to the repository's build output when empty.</summary>
    public string? AgentPath { get; init; }

    /// <summary>The URL runners call back on; the host's own first address when empty.</summary>
    public string? HostUrl { get; init; }

    public string Python { get; init; } = "python3";

    /// <summary>The folder holding the <c>faas</c> Python package; the repository's sdk/python when empty.</summary>
    public string? SdkDir { get; init; }

    /// <summary>Where replicas' folders (codebase, HOME, TMPDIR) live; <c>faas-runner</c> under the system temp folder when empty.</summary>
    public string? WorkDir { get; init; }

    public string RunnersRoot => WorkDir is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "faas-runner");

    /// <summary>Init failures in a row, per service version, before the service is marked Error.</summary>
    [Range(1, 100)]
    public int MaxInitFailures { get; init; } = 3;

    [Range(1, 3600)]
    public int MaxRestartBackoffSeconds { get; init; } = 30;

    [Range(100, 60_000)]
    public int ReconcileIntervalMs { get; init; } = 2000;
}
