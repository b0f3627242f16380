using System.Runtime.Versioning;
using Faas.Serverless.Supervisor.Isolation;

namespace Faas.Serverless.Supervisor.Tests.Isolation;

/// <summary>Launch records tie runner keys to processes through Linux /proc.</summary>
[SupportedOSPlatform("linux")]
public sealed class LaunchRecordTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("faas-launch-").FullName;

    [Fact]
    public void ReadAll_WrittenRecord_ReadBackWithItsProcess()
    {
        var layout = ReplicaLayout.For(_root, "svc-v1-r0.01020304");
        Directory.CreateDirectory(layout.Root);
        var record = new LaunchRecord("svc", "svc-v1-r0", "bot", "key", 200_001, ProcessIdentity.Capture(Environment.ProcessId));

        record.Write(layout);
        var read = Assert.Single(LaunchRecord.ReadAll(_root));

        Assert.Equal(layout, read.Layout);
        Assert.Equal(record, read.Record);
        Assert.True(read.Record!.Process!.IsAlive());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(layout.LaunchRecord));
    }

    [Fact]
    public void ReadAll_FolderWithoutRecord_ListedWithoutOne()
    {
        Directory.CreateDirectory(ReplicaLayout.For(_root, "svc-v1-r0.0a0b0c0d").Root);

        Assert.Null(Assert.Single(LaunchRecord.ReadAll(_root)).Record);
    }

    [Fact]
    public void IsAlive_SamePidOtherStartTime_False()
    {
        var self = ProcessIdentity.Capture(Environment.ProcessId)!;

        Assert.False((self with { StartTime = self.StartTime + 1 }).IsAlive());
        Assert.Null(ProcessIdentity.Capture(int.MaxValue));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
