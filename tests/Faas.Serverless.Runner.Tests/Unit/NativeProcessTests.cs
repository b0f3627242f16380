using System.Diagnostics;
using Faas.Serverless.Runner.Tests.Support;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class NativeProcessTests
{
    [Fact]
    public async Task KillGroup_LeaderWithAChild_KillsBoth()
    {
        const string Script = "import os, subprocess, sys, time; os.setsid(); child = subprocess.Popen(['sleep', '60']); print(child.pid, flush=True); time.sleep(60)";
        using var leader = Process.Start(new ProcessStartInfo("python3", ["-c", Script]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var child = int.Parse((await leader.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(NativeProcess.KillGroup(leader.Id));

        await leader.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await Wait.UntilAsync(() => !Processes.IsRunning(child), "the child is gone", 5);
    }
}
