using System.Diagnostics;

namespace Faas.Serverless.Runner.Tests.Support;

/// <summary>Plays the host that started the agent (<c>--parent-pid</c>): a process the test can kill.</summary>
public sealed class StandInParent : IDisposable
{
    private readonly Process _process = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;

    public int Pid => _process.Id;

    /// <summary>Like <c>kill -9</c>; returns once the process is gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
