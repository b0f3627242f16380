using System.ComponentModel.DataAnnotations;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>Bound from <c>Faas:Executions:Limits</c> (host.json <c>extensions.faas.executions.limits</c>); see docs/executions.md.</summary>
public sealed record ExecutionLimitOptions
{
    public const string Section = "Faas:Executions:Limits";

    /// <summary>
    /// Inputs and outputs above this many bytes of JSON are kept in a blob: a queue message holds 64 KiB and a table
    /// property 64 KiB, and the rows and messages that carry an execution are read far more often than its payloads.
    /// </summary>
    public const int InlineBytes = 32 * 1024;

    /// <summary>An execute request (or trigger firing) whose input is larger is refused: 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxInputBytes { get; init; } = 1024 * 1024;

    /// <summary>An attempt whose output is larger fails with <c>OutputTooLarge</c>.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxOutputBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Log text kept per execution; later lines are dropped and counted in one <c>[truncated: N lines dropped]</c> line.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxLogBytes { get; init; } = 10 * 1024 * 1024;
}

/// <summary>An input above <see cref="ExecutionLimitOptions.MaxInputBytes"/>; the API answers 413.</summary>
public sealed class InputTooLargeException(long size, long limit)
    : Exception($"The input is {size} bytes of JSON; this host accepts at most {limit} (extensions.faas.executions.limits.maxInputBytes).")
{
    public long Size { get; } = size;

    public long Limit { get; } = limit;
}
