using System.IO.Compression;

namespace Faas.Serverless.CodebaseZip;

/// <summary>
/// Extracts a zip without trusting it: no absolute or drive paths, no <c>..</c>, no backslashes or NULs,
/// no symbolic links (Unix mode in the external attributes), no duplicate entries, a bounded entry count and a
/// bounded number of bytes actually written (not the sizes the zip claims). File modes are not restored.
/// </summary>
public static class SafeZipExtractor
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;
    private const int BufferSize = 81920;

    public static async Task ExtractAsync(Stream zip, string destination, ExtractionLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var rootPrefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;

        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Count > limits.MaxEntries)
        {
            throw new CodebaseException($"The codebase has {archive.Entries.Count} entries; at most {limits.MaxEntries} are allowed.");
        }

        long written = 0;
        var buffer = new byte[BufferSize];
        foreach (var entry in archive.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (UnsafeReason(entry) is { } reason)
            {
                throw new CodebaseException($"Unsafe zip entry '{entry.FullName}': {reason}.");
            }

            var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!target.StartsWith(rootPrefix, StringComparison.Ordinal) && target + Path.DirectorySeparatorChar != rootPrefix)
            {
                throw new CodebaseException($"Unsafe zip entry '{entry.FullName}': it resolves outside the codebase folder.");
            }

            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(target);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using var input = entry.Open();
            FileStream output;
            try
            {
                output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            }
            catch (IOException ex) when (File.Exists(target) || Directory.Exists(target))
            {
                throw new CodebaseException($"Unsafe zip entry '{entry.FullName}': the path occurs more than once.", ex);
            }

            await using (output)
            {
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    written += read;
                    if (written > limits.MaxExtractedBytes)
                    {
                        throw new CodebaseException($"The codebase extracts to more than {limits.MaxExtractedBytes} bytes.");
                    }

                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
        }
    }

    /// <summary>Why an entry may not be extracted, or null when it is safe.</summary>
    public static string? UnsafeReason(ZipArchiveEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymbolicLink)
        {
            return "symbolic links are not allowed";
        }

        return UnsafePathReason(entry.FullName);
    }

    public static string? UnsafePathReason(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path == "/")
        {
            return "the path is empty";
        }

        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "'\\' is not allowed";
        }

        if (path[0] == '/')
        {
            return "absolute paths are not allowed";
        }

        if (path.Contains(':', StringComparison.Ordinal))
        {
            return "':' (drive letters, streams) is not allowed";
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "NUL characters are not allowed";
        }

        return path.Split('/').Any(segment => segment == "..") ? "'..' segments are not allowed" : null;
    }
}
