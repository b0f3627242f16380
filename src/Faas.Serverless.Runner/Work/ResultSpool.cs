using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// Keeps each finished call's final event on the replica's local disk until the host acknowledged it, so a result
/// outlives a host or storage outage and a crash of the agent: the next agent of the same replica id reports what
/// it finds here. One file per event ({eventId}.json), written to a temp file, flushed to disk and renamed, so a
/// crash leaves either the whole event or none. Only the agent's user can read the files (they hold user output).
/// </summary>
internal sealed partial class ResultSpool(string directory, TimeProvider timeProvider, ILogger logger)
{
    private const string Extension = ".json";
    private const string TempExtension = ".tmp";
    private static readonly TimeSpan AbandonedTempAge = TimeSpan.FromMinutes(10);

    public string Directory { get; } = directory;

    /// <summary>Writes the event durably; returns its size in bytes, or null when it could not be kept (logged).</summary>
    public long? Save(RunnerEvent runnerEvent)
    {
        ArgumentNullException.ThrowIfNull(runnerEvent);
        if (PathOf(runnerEvent.EventId) is not { } path)
        {
            return null;
        }

        var temp = path + TempExtension;
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            long length;
            using (var stream = new FileStream(temp, CreateOptions()))
            {
                JsonSerializer.Serialize(stream, runnerEvent, RunnerJson.Default.RunnerEvent);
                stream.Flush(flushToDisk: true);
                length = stream.Length;
            }

            File.Move(temp, path, overwrite: true);
            return length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogSaveFailed(logger, runnerEvent.ExecutionId, runnerEvent.Attempt, ex.Message);
            TryDelete(temp);
            return null;
        }
    }

    public void Delete(string eventId)
    {
        if (PathOf(eventId) is { } path)
        {
            TryDelete(path);
        }
    }

    /// <summary>The events left by earlier agents of this replica, oldest first, with their sizes.</summary>
    public IReadOnlyList<(RunnerEvent Event, long Size)> Load()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return [];
        }

        var found = new List<(RunnerEvent, long, DateTime)>();
        foreach (var file in new DirectoryInfo(Directory).EnumerateFiles())
        {
            if (file.Name.EndsWith(TempExtension, StringComparison.Ordinal))
            {
                // A live agent of the same replica id (an orphan) may be writing it; one left for long was abandoned by a crash.
                if (timeProvider.GetUtcNow().UtcDateTime - file.LastWriteTimeUtc > AbandonedTempAge)
                {
                    TryDelete(file.FullName);
                }

                continue;
            }

            if (Read(file) is { } runnerEvent)
            {
                found.Add((runnerEvent, file.Length, file.LastWriteTimeUtc));
            }
        }

        return [.. found.OrderBy(f => f.Item3).Select(f => (f.Item1, f.Item2))];
    }

    private RunnerEvent? Read(FileInfo file)
    {
        try
        {
            using var stream = file.OpenRead();
            var runnerEvent = JsonSerializer.Deserialize(stream, RunnerJson.Default.RunnerEvent);
            if (runnerEvent is not null && file.Name == runnerEvent.EventId + Extension)
            {
                return runnerEvent;
            }
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, file.Name, ex.Message);
        }
        catch (IOException ex)
        {
            LogUnreadable(logger, file.Name, ex.Message);
            return null;
        }

        TryDelete(file.FullName);
        return null;
    }

    /// <summary>Event ids are the agent's own (<see cref="EventIds"/>); anything else never becomes a path.</summary>
    private string? PathOf(string eventId) =>
        EventIds.IsWellFormed(eventId) ? Path.Combine(Directory, eventId + Extension) : null;

    private static FileStreamOptions CreateOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 64 * 1024 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(logger, path, ex.Message);
        }
    }

    [LoggerMessage(EventId = 4401, Level = LogLevel.Error, Message = "Could not spool the result of execution {ExecutionId} attempt {Attempt} to disk; it is kept in memory only: {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, string executionId, int attempt, string reason);

    [LoggerMessage(EventId = 4402, Level = LogLevel.Warning, Message = "Dropping unreadable spooled event {File}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 4403, Level = LogLevel.Warning, Message = "Could not delete spooled file {Path}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);
}
