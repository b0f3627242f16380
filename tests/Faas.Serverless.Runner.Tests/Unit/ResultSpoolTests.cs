using System.Text.Json;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class ResultSpoolTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "faas-spool-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Save_ThenLoad_SameEventsOldestFirstAndOwnerOnly()
    {
        var spool = new ResultSpool(_dir, TimeProvider.System, NullLogger.Instance);
        var first = Event("e1");
        var second = Event("e2");

        spool.Save(first);
        File.SetLastWriteTimeUtc(Path.Combine(_dir, first.EventId + ".json"), DateTime.UtcNow.AddMinutes(-1));
        spool.Save(second);
        var loaded = spool.Load();

        Assert.Equal(["e1", "e2"], loaded.Select(l => l.Event.ExecutionId));
        Assert.Equal("lease", loaded[0].Event.LeaseId);
        Assert.Equal(new FileInfo(Path.Combine(_dir, first.EventId + ".json")).Length, loaded[0].Size);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, first.EventId + ".json")));
        }
    }

    [Fact]
    public void Load_TornOrForeignFiles_SkipsThemAndKeepsFreshTempFiles()
    {
        var spool = new ResultSpool(_dir, TimeProvider.System, NullLogger.Instance);
        spool.Save(Event("kept"));
        var torn = Path.Combine(_dir, Guid.NewGuid() + ".json");
        File.WriteAllText(torn, "{\"type\":\"succ");
        var writing = Path.Combine(_dir, Guid.NewGuid() + ".json.tmp");
        File.WriteAllText(writing, "{");

        var loaded = spool.Load();

        Assert.Equal(["kept"], loaded.Select(l => l.Event.ExecutionId));
        Assert.False(File.Exists(torn));
        Assert.True(File.Exists(writing));
    }

    [Fact]
    public void Delete_RemovesTheEventsFile()
    {
        var spool = new ResultSpool(_dir, TimeProvider.System, NullLogger.Instance);
        var saved = Event("e1");
        spool.Save(saved);

        spool.Delete(saved.EventId);

        Assert.Empty(spool.Load());
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static RunnerEvent Event(string executionId) => new()
    {
        LeaseId = "lease",
        ExecutionId = executionId,
        Attempt = 1,
        EventId = Guid.NewGuid().ToString(),
        Type = EventTypes.Succeeded,
        Timestamp = DateTimeOffset.UtcNow,
        Output = JsonSerializer.SerializeToElement(new { executionId }),
    };
}
