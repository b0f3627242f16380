using Faas.Serverless.CodebaseZip;
using System.IO.Compression;
using System.Text;
using Faas.Serverless.Runner.Codebase;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class SafeZipExtractorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "faas-zip-tests", Guid.NewGuid().ToString("N"));

    private string Destination => Path.Combine(_root, "out");

    [Fact]
    public async Task ExtractAsync_NormalZip_WritesFilesAndFolders()
    {
        using var zip = Zip(("main.py", "print('hi')"), ("pkg/", null), ("pkg/util.py", "X = 1"));

        await SafeZipExtractor.ExtractAsync(zip, Destination, ExtractionLimits.Default);

        Assert.Equal("print('hi')", await File.ReadAllTextAsync(Path.Combine(Destination, "main.py")));
        Assert.Equal("X = 1", await File.ReadAllTextAsync(Path.Combine(Destination, "pkg", "util.py")));
    }

    [Theory]
    [InlineData("../evil.py")]
    [InlineData("pkg/../../evil.py")]
    [InlineData("/tmp/evil.py")]
    [InlineData("..\\evil.py")]
    [InlineData("C:/evil.py")]
    public async Task ExtractAsync_EscapingPath_ThrowsAndWritesNothingOutside(string name)
    {
        using var zip = Zip(("ok.py", "1"), (name, "pwned"));

        var error = await Assert.ThrowsAsync<CodebaseException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, ExtractionLimits.Default));

        Assert.Contains("Unsafe zip entry", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_root, "evil.py")));
        Assert.Empty(Directory.EnumerateFiles(_root, "evil.py", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task ExtractAsync_SymlinkEntry_Throws()
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var link = archive.CreateEntry("link");
            link.ExternalAttributes = unchecked((int)0xA1FF0000); // S_IFLNK | 0777
            await using var stream = await link.OpenAsync();
            await stream.WriteAsync(Encoding.UTF8.GetBytes("/etc/passwd"));
        }

        buffer.Position = 0;
        var error = await Assert.ThrowsAsync<CodebaseException>(() => SafeZipExtractor.ExtractAsync(buffer, Destination, ExtractionLimits.Default));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_MoreBytesThanCap_Throws()
    {
        using var zip = Zip(("a.txt", new string('a', 600)), ("b.txt", new string('b', 600)));

        var error = await Assert.ThrowsAsync<CodebaseException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, new ExtractionLimits(10_000, 1000, 10)));

        Assert.Contains("more than 1000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtractAsync_MoreEntriesThanCap_Throws()
    {
        using var zip = Zip(("a", "1"), ("b", "2"), ("c", "3"));

        await Assert.ThrowsAsync<CodebaseException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, new ExtractionLimits(10_000, 10_000, 2)));
    }

    [Fact]
    public async Task ExtractAsync_DuplicateEntry_Throws()
    {
        using var zip = Zip(("main.py", "1"), ("main.py", "2"));

        var error = await Assert.ThrowsAsync<CodebaseException>(() => SafeZipExtractor.ExtractAsync(zip, Destination, ExtractionLimits.Default));

        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    internal static MemoryStream Zip(params (string Name, string? Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name);
                if (content is not null)
                {
                    using var writer = new StreamWriter(entry.Open());
                    writer.Write(content);
                }
            }
        }

        buffer.Position = 0;
        return buffer;
    }
}
