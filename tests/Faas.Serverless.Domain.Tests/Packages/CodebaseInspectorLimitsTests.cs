using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Domain.Tests.Packages;

public sealed class CodebaseInspectorLimitsTests
{
    [Fact]
    public void Default_Limits_AreSane()
    {
        var limits = CodebaseLimits.Default;

        Assert.Equal(100L * 1024 * 1024, limits.MaxZipBytes);
        Assert.Equal(500L * 1024 * 1024, limits.MaxUncompressedBytes);
        Assert.Equal(10_000, limits.MaxEntries);
    }

    [Fact]
    public async Task InspectAsync_SeekableZipOverLimit_ReportsSizeWithoutHashing()
    {
        var zip = TestZips.Create(("main.py", new string('x', 5_000)));
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxZipBytes = zip.Length - 1 });

        var inspection = await inspector.InspectAsync(zip);

        Assert.False(inspection.IsValid);
        Assert.Null(inspection.Sha256);
        Assert.Equal(zip.Length, inspection.SizeBytes);
        Assert.Contains("larger than", Assert.Single(inspection.Errors.ToDictionary()["codebase"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_UnseekableZipOverLimit_StopsReadingAtLimit()
    {
        var zip = new byte[1_000_000];
        using var stream = new NonSeekableStream(zip);
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxZipBytes = 100_000 });

        var inspection = await inspector.InspectAsync(stream);

        Assert.False(inspection.IsValid);
        Assert.Null(inspection.Sha256);
        Assert.InRange(inspection.SizeBytes, 100_001, 200_000);
    }

    [Fact]
    public async Task InspectAsync_ZipAtLimit_IsAccepted()
    {
        var zip = TestZips.Create(("main.py", "class ServiceRunner:\n"));
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxZipBytes = zip.Length });

        Assert.True((await inspector.InspectAsync(zip)).IsValid);
    }

    [Fact]
    public async Task InspectAsync_TooManyEntries_ReportsCount()
    {
        var zip = TestZips.Create(("a.py", ""), ("b.py", ""), ("c.py", ""));
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxEntries = 2 });

        var inspection = await inspector.InspectAsync(zip);

        Assert.Equal(
            "The codebase zip has 3 entries; the limit is 2.",
            Assert.Single(inspection.Errors.ToDictionary()["codebase"]));
    }

    [Fact]
    public async Task InspectAsync_UncompressedSizeOverLimit_ReportsZipBomb()
    {
        var zip = TestZips.Create(("main.py", "class ServiceRunner:\n"), ("zeros.bin", new string('\0', 600_000)));
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxUncompressedBytes = 500_000 });

        var inspection = await inspector.InspectAsync(zip);

        Assert.True(zip.Length < 10_000);
        Assert.Contains("unpacks to more than 500000 bytes", Assert.Single(inspection.Errors.ToDictionary()["codebase"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InspectAsync_PythonFileOverScanLimit_IsListedButNotScanned()
    {
        var zip = TestZips.Create(("main.py", "class ServiceRunner:\n" + new string('#', 2_000)), ("small.py", "class Small:\n"));
        var inspector = new CodebaseInspector(new CodebaseLimits { MaxPythonFileBytes = 1_000 });

        var inspection = await inspector.InspectAsync(zip);

        Assert.True(inspection.IsValid);
        Assert.Contains("main.py", inspection.Files);
        Assert.False(inspection.PythonClasses.ContainsKey("main.py"));
        Assert.Equal(["Small"], inspection.PythonClasses["small.py"]);
    }

    public static TheoryData<CodebaseLimits> InvalidLimits => new()
    {
        new CodebaseLimits { MaxZipBytes = 0 },
        new CodebaseLimits { MaxUncompressedBytes = -1 },
        new CodebaseLimits { MaxEntries = 0 },
        new CodebaseLimits { MaxPythonFileBytes = 0 },
    };

    [Theory]
    [MemberData(nameof(InvalidLimits))]
    public void Constructor_NonPositiveLimit_Throws(CodebaseLimits limits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CodebaseInspector(limits));
}
