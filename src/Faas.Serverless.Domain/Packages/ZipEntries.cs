using System.IO.Compression;

namespace Faas.Serverless.Domain.Packages;

internal static class ZipEntries
{
    // Unix "version made by" zips keep st_mode in the high 16 bits of the external attributes.
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;

    public static bool IsDirectory(ZipArchiveEntry entry) => entry.FullName.EndsWith('/');

    public static string? SafetyProblem(ZipArchiveEntry entry)
    {
        if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
        {
            return $"Entry '{entry.FullName}' is a symbolic link; links are not allowed because they can point outside the codebase.";
        }

        return RelativePaths.EscapeProblem(entry.FullName) is { } problem
            ? $"Entry '{entry.FullName}' has an unsafe path: {problem}. Paths must be relative to the zip root."
            : null;
    }
}
