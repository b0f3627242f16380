namespace Faas.Serverless.CodebaseZip;

/// <summary>
/// Bounds on what a codebase may cost this machine. They match the host's upload limits
/// (Faas.Serverless.Domain CodebaseLimits) so a valid package always fits.
/// </summary>
public sealed record ExtractionLimits(long MaxZipBytes, long MaxExtractedBytes, int MaxEntries)
{
    public static ExtractionLimits Default { get; } = new(100L * 1024 * 1024, 500L * 1024 * 1024, 10_000);
}
