using Faas.Serverless.CodebaseZip;
using System.Security.Cryptography;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Codebase;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class CodebaseCacheTests : IDisposable
{
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "faas-cache-tests", Guid.NewGuid().ToString("N"));
    private readonly byte[] _zip = SafeZipExtractorTests.Zip(("main.py", "print('hi')"), ("pkg/util.py", "X = 1")).ToArray();

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_zip));

    [Fact]
    public async Task EnsureAsync_FirstUse_DownloadsVerifiesAndExtracts()
    {
        var source = new FakeSource(_zip);

        var dir = await NewCache(source).EnsureAsync(Spec(Sha));

        Assert.Equal(Path.Combine(_workDir, "codebases", Sha), dir);
        Assert.Equal("X = 1", await File.ReadAllTextAsync(Path.Combine(dir, "pkg", "util.py")));
        Assert.Equal(1, source.Opens);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_workDir, "codebases"), ".tmp-*"));
    }

    [Fact]
    public async Task EnsureAsync_AlreadyCached_DoesNotDownloadAgain()
    {
        var source = new FakeSource(_zip);
        await NewCache(source).EnsureAsync(Spec(Sha));

        await NewCache(source).EnsureAsync(Spec(Sha.ToUpperInvariant()));

        Assert.Equal(1, source.Opens);
    }

    [Fact]
    public async Task EnsureAsync_HashMismatch_ThrowsAndCachesNothing()
    {
        var wrong = new string('0', 64);

        var error = await Assert.ThrowsAsync<CodebaseException>(() => NewCache(new FakeSource(_zip)).EnsureAsync(Spec(wrong)));

        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workDir, "codebases", wrong)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_workDir, "codebases"), ".tmp-*"));
    }

    [Fact]
    public async Task EnsureAsync_DownloadOverZipLimit_Throws()
    {
        var cache = new CodebaseCache(_workDir, new FakeSource(_zip), new ExtractionLimits(100, 10_000, 10), TimeProvider.System, NullLogger<CodebaseCache>.Instance);

        await Assert.ThrowsAsync<CodebaseException>(() => cache.EnsureAsync(Spec(Sha)));
    }

    [Fact]
    public async Task EnsureAsync_ShaNotHex_Throws()
    {
        await Assert.ThrowsAsync<CodebaseException>(() => NewCache(new FakeSource(_zip)).EnsureAsync(Spec("../../etc")));
    }

    [Fact]
    public async Task EnsureAsync_TwoAgentsSameHashConcurrently_DownloadOnceBothGetCompleteFolder()
    {
        var source = new FakeSource(_zip, TimeSpan.FromMilliseconds(300));
        var first = NewCache(source).EnsureAsync(Spec(Sha));
        var second = NewCache(source).EnsureAsync(Spec(Sha));

        var dirs = await Task.WhenAll(first, second);

        Assert.Equal(dirs[0], dirs[1]);
        Assert.Equal(1, source.Opens);
        Assert.Equal("print('hi')", await File.ReadAllTextAsync(Path.Combine(dirs[0], "main.py")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_workDir, "codebases"), ".tmp-*"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_workDir))
        {
            Directory.Delete(_workDir, recursive: true);
        }
    }

    private static CodebaseSpec Spec(string sha) => new(sha, 0, "/codebase");

    private CodebaseCache NewCache(ICodebaseSource source) =>
        new(_workDir, source, ExtractionLimits.Default, TimeProvider.System, NullLogger<CodebaseCache>.Instance);

    private sealed class FakeSource(byte[] zip, TimeSpan delay = default) : ICodebaseSource
    {
        private int _opens;

        public int Opens => _opens;

        public async Task<Stream> OpenCodebaseAsync(string url, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _opens);
            await Task.Delay(delay, cancellationToken);
            return new MemoryStream(zip, writable: false);
        }
    }
}
