namespace Faas.Serverless.Domain.Packages;

/// <summary>
/// Checks that a path stays inside the codebase root wherever it is resolved (Linux runner, Windows dev box):
/// shared by zip entry names and module entry points.
/// </summary>
internal static class RelativePaths
{
    public static string? EscapeProblem(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "'\\' is not allowed; use '/' as the separator";
        }

        if (path[0] == '/')
        {
            return "absolute paths are not allowed";
        }

        // A colon makes "C:x" drive-relative on Windows and names an alternate data stream on NTFS.
        if (path.Contains(':', StringComparison.Ordinal))
        {
            return "':' (drive letters) is not allowed";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "NUL characters are not allowed";
        }

        return path.Split('/').Contains("..") ? "'..' segments are not allowed" : null;
    }
}
