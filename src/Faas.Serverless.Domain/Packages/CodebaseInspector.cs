using System.Globalization;
using System.IO.Compression;
using System.Text;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Domain.Packages;

/// <summary>Checks an uploaded codebase zip for safety and limits, and indexes its Python classes.</summary>
public sealed partial class CodebaseInspector
{
    private const int MaxReportedEntryProblems = 20;
    private const string Field = CodebaseInspection.Field;

    private readonly CodebaseLimits _limits;

    public CodebaseInspector(CodebaseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxZipBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxUncompressedBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxEntries, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxPythonFileBytes, nameof(limits));
        _limits = limits;
    }

    public async Task<CodebaseInspection> InspectAsync(byte[] zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        await using var stream = new MemoryStream(zip, writable: false);
        return await InspectAsync(stream, cancellationToken);
    }

    /// <summary>
    /// Inspects the whole of <paramref name="zip"/> (a seekable stream is rewound to its start; an unseekable one is
    /// buffered in memory up to the size limit). The stream is left open.
    /// </summary>
    public async Task<CodebaseInspection> InspectAsync(Stream zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (!zip.CanSeek)
        {
            // ZipArchive seeks to the central directory at the end, so an unseekable upload is copied first.
            await using var copy = new MemoryStream();
            var (copySha256, copySize) = await ZipHashing.ReadAsync(zip, copy, _limits.MaxZipBytes, cancellationToken);
            return copySha256 is null
                ? TooLarge(copySize)
                : await InspectArchiveAsync(copy, copySha256, copySize, cancellationToken);
        }

        if (zip.Length > _limits.MaxZipBytes)
        {
            return TooLarge(zip.Length);
        }

        zip.Position = 0;
        var (sha256, size) = await ZipHashing.ReadAsync(zip, null, _limits.MaxZipBytes, cancellationToken);
        return sha256 is null ? TooLarge(size) : await InspectArchiveAsync(zip, sha256, size, cancellationToken);
    }

    private async Task<CodebaseInspection> InspectArchiveAsync(
        Stream zip, string sha256, long size, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        zip.Position = 0;
        try
        {
            await using var archive = await ZipArchive.CreateAsync(
                zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            var files = CheckEntries(archive, errors);
            var classes = errors.IsEmpty ? await FindPythonClassesAsync(files, errors, cancellationToken) : [];
            if (!errors.IsEmpty)
            {
                return Failed(sha256, size, errors);
            }

            var paths = files.Select(file => file.FullName).Distinct().Order(StringComparer.Ordinal).ToList();
            return new CodebaseInspection(sha256, size, paths, classes, errors);
        }
        catch (InvalidDataException exception)
        {
            // Thrown while reading the central directory, which ZipArchive may do lazily on first use of Entries.
            var invalid = new ValidationErrors();
            invalid.Add(Field, $"The codebase is not a valid zip archive: {exception.Message}");
            return Failed(sha256, size, invalid);
        }
    }

    private List<ZipArchiveEntry> CheckEntries(ZipArchive archive, ValidationErrors errors)
    {
        var entries = archive.Entries;
        if (entries.Count > _limits.MaxEntries)
        {
            errors.Add(Field, $"The codebase zip has {entries.Count} entries; the limit is {_limits.MaxEntries}.");
            return [];
        }

        var files = new List<ZipArchiveEntry>(entries.Count);
        var problems = 0;
        long uncompressed = 0;
        var tooLarge = false;
        foreach (var entry in entries)
        {
            if (ZipEntries.SafetyProblem(entry) is { } problem)
            {
                if (++problems <= MaxReportedEntryProblems)
                {
                    errors.Add(Field, problem);
                }

                continue;
            }

            // Compared by subtraction so that lying zip64 sizes cannot overflow the sum.
            tooLarge |= entry.Length > _limits.MaxUncompressedBytes - uncompressed;
            uncompressed = tooLarge ? _limits.MaxUncompressedBytes : uncompressed + entry.Length;
            if (!ZipEntries.IsDirectory(entry))
            {
                files.Add(entry);
            }
        }

        if (problems > MaxReportedEntryProblems)
        {
            errors.Add(Field, $"{problems - MaxReportedEntryProblems} more unsafe entries are not listed.");
        }

        if (tooLarge)
        {
            errors.Add(Field, $"The codebase unpacks to more than {Bytes(_limits.MaxUncompressedBytes)}, the limit.");
        }

        return files;
    }

    private async Task<Dictionary<string, IReadOnlyList<string>>> FindPythonClassesAsync(
        List<ZipArchiveEntry> files, ValidationErrors errors, CancellationToken cancellationToken)
    {
        var classes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var entry in files)
        {
            if (!entry.FullName.EndsWith(".py", StringComparison.Ordinal) || entry.Length > _limits.MaxPythonFileBytes)
            {
                continue;
            }

            try
            {
                if (await ReadDeclaredLengthAsync(entry, cancellationToken) is { } source)
                {
                    classes[entry.FullName] = PythonClassFinder.FindTopLevelClasses(source);
                }
                else
                {
                    errors.Add(Field, $"Entry '{entry.FullName}' holds more data than its declared size; the zip is corrupt.");
                }
            }
            catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException)
            {
                errors.Add(Field, $"Entry '{entry.FullName}' could not be read; the zip is corrupt: {exception.Message}");
            }
        }

        return classes;
    }

    /// <summary>The entry as UTF-8 text, or null when it holds more bytes than its header declares.</summary>
    private static async Task<string?> ReadDeclaredLengthAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        var bytes = new byte[entry.Length];
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.ReadExactlyAsync(bytes, cancellationToken);

        // ZipArchive does not cut a stored entry at its declared size: a header that understates it would
        // hide the rest of the file from the scan while an extractor writes it all.
        return await stream.ReadAsync(new byte[1], cancellationToken) == 0 ? Encoding.UTF8.GetString(bytes) : null;
    }

    private CodebaseInspection TooLarge(long size)
    {
        var errors = new ValidationErrors();
        errors.Add(Field, $"The codebase zip is larger than {Bytes(_limits.MaxZipBytes)}, the limit.");
        return Failed(null, size, errors);
    }

    private static CodebaseInspection Failed(string? sha256, long size, ValidationErrors errors) =>
        new(sha256, size, [], new Dictionary<string, IReadOnlyList<string>>(), errors);

    private static string Bytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes ({bytes / (1024.0 * 1024.0):0.##} MiB)");
}
