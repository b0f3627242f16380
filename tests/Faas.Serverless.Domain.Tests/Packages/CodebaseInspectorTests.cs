using System.IO.Compression;
using System.Security.Cryptography;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class CodebaseInspectorTests
{
    private const string Runner = "import dtlpy as dl\n\nclass ServiceRunner(dl.BaseServiceRunner):\n    def run(self, item):\n        pass\n";

    private readonly CodebaseInspector _inspector = new(CodebaseLimits.Default);

    [Fact]
    public async Task InspectAsync_ValidZip_ReturnsHashSizeFilesAndClasses()
    {
        var zip = TestZips.Create(archive =>
        {
            archive.AddFile("main.py", Runner);
            archive.CreateEntry("lib/");
            archive.AddFile("lib/util.py", "class Helper:\n    pass\nclass Other(Helper):\n    pass\n");
            archive.AddFile("README.md", "# class NotPython");
            archive.AddFile("bin/tool", "#!/bin/sh", externalAttributes: 0x81ED << 16);
        });

        var inspection = await _inspector.InspectAsync(zip);

        Assert.True(inspection.IsValid, inspection.Errors.ToString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(zip)), inspection.Sha256);
        Assert.Equal(zip.Length, inspection.SizeBytes);
        Assert.Equal(["README.md", "bin/tool", "lib/util.py", "main.py"], inspection.Files);
        Assert.Equal(["lib/util.py", "main.py"], inspection.PythonClasses.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["ServiceRunner"], inspection.PythonClasses["main.py"]);
        Assert.Equal(["Helper", "Other"], inspection.PythonClasses["lib/util.py"]);
    }

    [Fact]
    public async Task InspectAsync_StreamKinds_AllGiveTheSameResult()
    {
        var zip = TestZips.Create(("main.py", Runner));
        using var seekable = new MemoryStream(zip);
        seekable.Position = 10;
        using var unseekable = new NonSeekableStream(zip);

        var fromBytes = await _inspector.InspectAsync(zip);
        var fromSeekable = await _inspector.InspectAsync(seekable);
        var fromUnseekable = await _inspector.InspectAsync(unseekable);

        Assert.All([fromSeekable, fromUnseekable], inspection =>
        {
            Assert.True(inspection.IsValid, inspection.Errors.ToString());
            Assert.Equal(fromBytes.Sha256, inspection.Sha256);
            Assert.Equal(fromBytes.SizeBytes, inspection.SizeBytes);
            Assert.Equal(fromBytes.Files, inspection.Files);
        });
        Assert.True(seekable.CanRead, "the caller's stream must stay open");
    }

    [Fact]
    public async Task InspectAsync_Utf8BomAndInvalidBytes_StillFindsClasses()
    {
        byte[] source = [0xEF, 0xBB, 0xBF, .. "# caf\u00e9 "u8, 0xFF, 0xFE, (byte)'\n', .. "class ServiceRunner:\n    pass\n"u8];
        var zip = TestZips.Create(archive => archive.AddFile("main.py", source));

        var inspection = await _inspector.InspectAsync(zip);

        Assert.Equal(["ServiceRunner"], inspection.PythonClasses["main.py"]);
    }

    [Fact]
    public async Task InspectAsync_Canceled_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _inspector.InspectAsync(TestZips.Create(("main.py", Runner)), cancellation.Token));
    }

    public static TheoryData<string, byte[]> CorruptZips()
    {
        var valid = TestZips.Create(("main.py", Runner), ("lib/util.py", "x = 1\n"));
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        return new()
        {
            { "empty", [] },
            { "random bytes", random },
            { "truncated", valid[..(valid.Length / 2)] },
            { "central directory cut off", valid[..^30] },
            { "text", "PK not really a zip"u8.ToArray() },
        };
    }

    [Theory]
    [MemberData(nameof(CorruptZips))]
    public async Task InspectAsync_CorruptZip_ReportsCodebaseError(string description, byte[] zip)
    {
        var inspection = await _inspector.InspectAsync(zip);

        Assert.False(inspection.IsValid, description);
        var (path, messages) = Assert.Single(inspection.Errors.ToDictionary());
        Assert.Equal("codebase", path);
        Assert.Contains("not a valid zip archive", Assert.Single(messages), StringComparison.Ordinal);
        Assert.Empty(inspection.Files);
        Assert.Empty(inspection.PythonClasses);
    }

    [Fact]
    public async Task InspectAsync_CorruptDeflateData_ReportsTheEntry()
    {
        var zip = TestZips.Create(("main.py", Runner));
        var dataStart = 30 + BitConverter.ToUInt16(zip, 26) + BitConverter.ToUInt16(zip, 28);
        zip[dataStart] = 0xFF; // a final block of the reserved block type

        var inspection = await _inspector.InspectAsync(zip);

        Assert.False(inspection.IsValid);
        Assert.Contains("Entry 'main.py' could not be read", Assert.Single(inspection.Errors.ToDictionary()["codebase"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_StoredEntryLongerThanDeclared_ReportsTheEntry()
    {
        var zip = TestZips.Create(archive => archive.AddFile("main.py", Runner, compression: CompressionLevel.NoCompression));
        var centralHeader = zip.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BitConverter.TryWriteBytes(zip.AsSpan(centralHeader + 24), 10);
        BitConverter.TryWriteBytes(zip.AsSpan(22), 10);

        var inspection = await _inspector.InspectAsync(zip);

        Assert.False(inspection.IsValid);
        Assert.Contains("Entry 'main.py' holds more data than its declared size", Assert.Single(inspection.Errors.ToDictionary()["codebase"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../evil.py")]
    [InlineData("lib/../../evil.py")]
    [InlineData("..")]
    [InlineData("../")]
    [InlineData("/etc/cron.d/evil")]
    [InlineData("//server/share/evil.py")]
    [InlineData("C:/Windows/evil.py")]
    [InlineData("C:evil.py")]
    [InlineData("..\\evil.py")]
    [InlineData("lib\\..\\..\\evil.py")]
    [InlineData("\\evil.py")]
    [InlineData("main.py:stream")]
    public async Task InspectAsync_EntryEscapingRoot_ReportsTheEntry(string name)
    {
        var zip = TestZips.Create(archive =>
        {
            archive.AddFile("main.py", Runner);
            archive.AddFile(name, "x");
        });

        var inspection = await _inspector.InspectAsync(zip);

        Assert.False(inspection.IsValid);
        var message = Assert.Single(inspection.Errors.ToDictionary()["codebase"]);
        Assert.Contains($"Entry '{name}' has an unsafe path", message, StringComparison.Ordinal);
        Assert.NotNull(inspection.Sha256);
    }

    [Fact]
    public async Task InspectAsync_SymlinkEntry_ReportsTheEntry()
    {
        var zip = TestZips.Create(archive =>
        {
            archive.AddFile("main.py", Runner);
            archive.AddFile("lib/secrets", "/etc/passwd", externalAttributes: TestZips.UnixSymlinkAttributes);
        });

        var inspection = await _inspector.InspectAsync(zip);

        var message = Assert.Single(inspection.Errors.ToDictionary()["codebase"]);
        Assert.Contains("Entry 'lib/secrets' is a symbolic link", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_ManyUnsafeEntries_ListsTwentyAndCountsTheRest()
    {
        var zip = TestZips.Create(archive =>
        {
            for (var i = 0; i < 25; i++)
            {
                archive.AddFile($"../evil{i}.py", "x");
            }
        });

        var inspection = await _inspector.InspectAsync(zip);

        var messages = inspection.Errors.ToDictionary()["codebase"];
        Assert.Equal(21, messages.Length);
        Assert.Equal("5 more unsafe entries are not listed.", messages[^1]);
    }
}
