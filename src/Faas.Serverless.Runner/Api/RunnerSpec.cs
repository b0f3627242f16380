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
    int LeaseSeconds = 60)
{
    public const int MinLeaseSeconds = 3;

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
