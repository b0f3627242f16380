using System.Diagnostics;
using System.Globalization;
using Faas.Serverless.Runner.Hosting;
using Faas.Serverless.Runner.Tests.Support;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class ParentProcessTests
{
    [Fact]
    public void IsAlive_RunningProcess_True()
    {
        using var parent = new StandInParent();
        using var watched = ParentProcess.Attach(parent.Pid);

        Assert.True(watched.IsAlive());
    }

    [Fact]
    public void IsAlive_AfterKill_False()
    {
        using var parent = new StandInParent();
        using var watched = ParentProcess.Attach(parent.Pid);

        parent.Kill();

        Assert.False(watched.IsAlive());
    }

    [Fact]
    public void IsAlive_GoneBeforeAttach_False()
    {
        using var parent = new StandInParent();
        parent.Kill();

        using var watched = ParentProcess.Attach(parent.Pid);

        Assert.False(watched.IsAlive());
    }

    [Fact]
    public async Task IsAlive_ExitedButNotReaped_False()
    {
        // sh starts a 1 s child and execs into a sleep that never reaps it: the child turns into a zombie.
        using var shell = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 1 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            var childPid = int.Parse((await shell.StandardOutput.ReadLineAsync())!, CultureInfo.InvariantCulture);
            using var watched = ParentProcess.Attach(childPid);
            Assert.True(watched.IsAlive());

            await Wait.UntilAsync(() => File.ReadAllText($"/proc/{childPid}/stat").Contains(") Z ", StringComparison.Ordinal), "the child became a zombie", 10);

            Assert.False(watched.IsAlive());
        }
        finally
        {
            shell.Kill();
            await shell.WaitForExitAsync();
        }
    }
}
