namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// Bounds on an uploaded codebase zip. Uncompressed size and entry count guard against zip bombs; they are
/// judged from the zip's central directory, so whoever extracts the zip must still bound the bytes it writes.
/// </summary>
public sealed record CodebaseLimits
{
    public static CodebaseLimits Default { get; } = new();

    public long MaxZipBytes { get; init; } = 100L * 1024 * 1024;

    public long MaxUncompressedBytes { get; init; } = 500L * 1024 * 1024;

    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Larger .py files are listed but not searched for classes, so they cannot serve as an entry point.</summary>
    public int MaxPythonFileBytes { get; init; } = 4 * 1024 * 1024;
}
