using System.IO.Compression;
using Faas.Serverless.Cli.Hosting;

namespace Faas.Serverless.Cli.Packaging;

/// <summary>
/// A package folder as in <c>samples/</c>: <c>faas.json</c> (the schema) and the code in <c>src/</c>, or beside
/// <c>faas.json</c> when there is no <c>src/</c>. The zip holds the code folder's contents, minus what
/// <c>.faasignore</c> (in the package folder or the code folder) leaves out.
/// </summary>
internal sealed record PackageFolder(string SchemaJson, string CodeRoot, FaasIgnore Ignore)
{
    /// <summary>Every zip entry gets this time, so equal content is an equal zip and a repeated push changes nothing.</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PackageFolder Open(string folder)
    {
        var schemaPath = Path.Combine(folder, "faas.json");
        if (!File.Exists(schemaPath))
        {
            throw new CliException($"{schemaPath} was not found: a package folder holds faas.json (the schema) and its code (in src/ or beside it).");
        }

        var src = Path.Combine(folder, "src");
        var codeRoot = Directory.Exists(src) ? src : folder;
        var ignore = FaasIgnore.Load([.. new[] { Path.Combine(folder, ".faasignore"), Path.Combine(codeRoot, ".faasignore") }.Distinct()]);
        return new PackageFolder(File.ReadAllText(schemaPath), codeRoot, ignore);
    }

    /// <summary>The files that go into the zip, <c>/</c>-separated and sorted.</summary>
    public IReadOnlyList<string> Files()
    {
        var files = new List<string>();
        Walk(CodeRoot, string.Empty, files);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public MemoryStream Zip()
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Files())
            {
                var entry = archive.CreateEntry(file, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using var target = entry.Open();
                using var source = File.OpenRead(Path.Combine(CodeRoot, file));
                source.CopyTo(target);
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private void Walk(string folder, string prefix, List<string> files)
    {
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            var relative = prefix + entry.Name;
            var isFolder = entry is DirectoryInfo;
            if (entry.LinkTarget is not null || Ignore.IsIgnored(relative, isFolder))
            {
                continue;
            }

            if (isFolder)
            {
                Walk(entry.FullName, relative + "/", files);
            }
            else
            {
                files.Add(relative);
            }
        }
    }
}
