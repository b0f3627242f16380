using System.Text.Json;

namespace Faas.Serverless.Runner.Api;

/// <summary>
/// <c>GET {base}/runner-spec</c>: the deployment pinned for this service (docs/runner-protocol.md).
/// Numbers the host leaves out take the protocol's defaults.
/// </summary>
internal sealed record RunnerSpec(
    string ProjectId,
    string ServiceId,
    string? ServiceName,
    int Version,
    string? PackageId,
    string? PackageName,
    int PackageRevision,
    ModuleSpec Module,
    JsonElement? InitParams,
    CodebaseSpec Codebase,
    JsonElement? Bot,
    int Concurrency = 1,
    int ExecutionTimeout = 3600,
    int DrainTime = 600,
    int LeaseSeconds = 60,
    RunnerLimits? Limits = null,
    IReadOnlyList<string>? Secrets = null)
{
    public const int MinLeaseSeconds = 3;

    /// <summary>What the agent reads of a worker's stdout line beyond the output limit: the result's envelope, an error's text.</summary>
    public const int LineSlackBytes = 1024 * 1024;

    /// <summary>The longest worker stdout line the agent holds; longer ones are discarded as protocol violations.</summary>
    public int MaxWorkerLineBytes => (int)Math.Min(int.MaxValue - LineSlackBytes, (Limits ?? RunnerLimits.Default).MaxOutputBytes) + LineSlackBytes;

    /// <summary>Checks the parts the agent cannot do without and clamps numbers into usable ranges.</summary>
    /// <exception cref="HostApiException">The spec lacks its module or codebase.</exception>
    public RunnerSpec Normalize()
    {
        if (Module is null || string.IsNullOrWhiteSpace(Module.EntryPoint) || string.IsNullOrWhiteSpace(Module.ClassName))
        {
            throw new HostApiException("The runner spec has no module entryPoint/className.");
        }

        if (Codebase is null || string.IsNullOrWhiteSpace(Codebase.Url) || string.IsNullOrWhiteSpace(Codebase.Sha256))
        {
            throw new HostApiException("The runner spec has no codebase url/sha256.");
        }

        return this with
        {
            Concurrency = Math.Max(1, Concurrency),
            ExecutionTimeout = ExecutionTimeout > 0 ? ExecutionTimeout : 3600,
            DrainTime = Math.Max(0, DrainTime),
            LeaseSeconds = Math.Max(MinLeaseSeconds, LeaseSeconds),
            Limits = (Limits ?? RunnerLimits.Default).Normalize(),
        };
    }
}

internal sealed record ModuleSpec(
    string? Name,
    string EntryPoint,
    string ClassName,
    JsonElement? InitInputs,
    JsonElement? Functions);

internal sealed record CodebaseSpec(string Sha256, long SizeBytes, string Url);

/// <summary><c>GET {base}/runner-secrets</c>: the values of the secrets the spec names, for the workers' environment.</summary>
internal sealed record RunnerSecrets(IReadOnlyDictionary<string, string>? Secrets);

/// <summary>Per-execution size limits (host.json <c>extensions.faas.limits</c>), enforced by the worker.</summary>
/// <param name="MaxOutputBytes">Largest JSON encoding of a result; beyond it the attempt fails with <c>OutputTooLarge</c>.</param>
/// <param name="MaxLogBytes">Log bytes kept per execution; beyond it lines are dropped and counted in one last line.</param>
internal sealed record RunnerLimits(long MaxOutputBytes = RunnerLimits.DefaultBytes, long MaxLogBytes = RunnerLimits.DefaultBytes)
{
    public const long DefaultBytes = 10 * 1024 * 1024;

    public static RunnerLimits Default { get; } = new();

    /// <summary>Missing or non-positive limits take the defaults.</summary>
    public RunnerLimits Normalize() => new(MaxOutputBytes > 0 ? MaxOutputBytes : DefaultBytes, MaxLogBytes > 0 ? MaxLogBytes : DefaultBytes);
}
