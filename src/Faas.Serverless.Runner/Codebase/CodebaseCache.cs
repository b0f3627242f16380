using Faas.Serverless.CodebaseZip;
using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Codebase;

/// <summary>
/// Keeps one extracted copy of each codebase in <c>{workDir}/codebases/{sha256}/</c>, shared by the agents that use
/// that work dir: in the cloud, those of one service's container. (The local host never lets replicas share one: it
/// passes each its own read-only copy with <c>--codebase-dir</c>.) A folder of that name is always complete: it is extracted into a private temp folder and renamed into
/// place (atomic on one file system). A per-hash lock file keeps concurrent agents from downloading the same zip
/// twice; correctness does not depend on it, since a lost rename race just discards the loser's copy.
/// </summary>
internal sealed partial class CodebaseCache(
    string workDir,
    ICodebaseSource source,
    ExtractionLimits limits,
    TimeProvider timeProvider,
    ILogger<CodebaseCache> logger)
{
    private const string TempPrefix = ".tmp-";
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StaleTempAge = TimeSpan.FromHours(6);

    public string Root { get; } = Path.Combine(workDir, "codebases");

    /// <summary>Returns the folder holding the extracted codebase, downloading and extracting it on first use.</summary>
    public async Task<string> EnsureAsync(CodebaseSpec codebase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codebase);
        var sha = VerifiedCopy.NormalizeSha256(codebase.Sha256);
        var target = Path.Combine(Root, sha);
        if (Directory.Exists(target))
        {
            LogCacheHit(logger, sha);
            return target;
        }

        Directory.CreateDirectory(Root);
        await using var fileLock = await AcquireLockAsync(Path.Combine(Root, $".{sha}.lock"), cancellationToken);
        if (Directory.Exists(target))
        {
            LogCacheHit(logger, sha);
            return target;
        }

        DeleteStaleTemps();
        var tempZip = Path.Combine(Root, $"{TempPrefix}{Guid.NewGuid():N}.zip");
        var tempDir = Path.Combine(Root, $"{TempPrefix}{Guid.NewGuid():N}");
        try
        {
            var started = timeProvider.GetTimestamp();
            await DownloadAsync(codebase, sha, tempZip, cancellationToken);
            await using (var zip = new FileStream(tempZip, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true))
            {
                await SafeZipExtractor.ExtractAsync(zip, tempDir, limits, cancellationToken);
            }

            try
            {
                Directory.Move(tempDir, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another agent (without the lock, e.g. on a file system without locking) finished first.
            }

            var elapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            LogExtracted(logger, sha, target, elapsedMs);
            return target;
        }
        finally
        {
            TryDelete(tempZip);
            TryDelete(tempDir);
        }
    }

    private async Task DownloadAsync(CodebaseSpec codebase, string sha, string path, CancellationToken cancellationToken)
    {
        await using var input = await source.OpenCodebaseAsync(codebase.Url, cancellationToken);
        await VerifiedCopy.CopyAsync(input, sha, path, limits.MaxZipBytes, cancellationToken);
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        // FileShare.None takes an exclusive advisory lock (flock on Unix); the OS releases it if the process dies.
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockPollInterval, cancellationToken);
            }
        }
    }

    private void DeleteStaleTemps()
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - StaleTempAge;
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos(TempPrefix + "*"))
        {
            if (entry.LastWriteTimeUtc < cutoff)
            {
                TryDelete(entry.FullName);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a later agent removes stale temp entries.
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Codebase {Sha256} is cached")]
    private static partial void LogCacheHit(ILogger logger, string sha256);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Codebase {Sha256} downloaded and extracted to {Path} in {ElapsedMs:0} ms")]
    private static partial void LogExtracted(ILogger logger, string sha256, string path, double elapsedMs);
}
