using System.Diagnostics;
using System.Globalization;

namespace Faas.Serverless.Runner.Tests.Support;

/// <summary>The built agent executable against a <see cref="FakeHost"/>, as the supervisor starts it: its own process.</summary>
public sealed class AgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private AgentProcess(Process process, string workDir)
    {
        _process = process;
        WorkDir = workDir;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public int Pid => _process.Id;

    public string WorkDir { get; }

    public bool HasExited => _process.HasExited;

    /// <param name="environment">Set on top of the test's own environment (null removes a variable).</param>
    public static AgentProcess Start(FakeHost host, WorkerKind kind, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var workDir = Path.Combine(Path.GetTempPath(), "faas-runner-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            TestPaths.AgentDll, "--host", host.Url, "--project", host.ProjectId, "--service", host.ServiceId, "--replica", "r1",
            "--work-dir", workDir, "--sdk", TestPaths.SdkFor(kind),
        })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["FAAS_RUNNER_TOKEN"] = FakeHost.Token;
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        return new AgentProcess(Process.Start(psi)!, workDir);
    }

    /// <summary>Like <c>kill -9</c>: no drain, no final report, its pipes closed by the kernel.</summary>
    public void KillHard()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(double timeoutSeconds = 20)
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        return _process.ExitCode;
    }

    /// <summary>What the agent logged (complete once it exited).</summary>
    public async Task<string> LogsAsync() => await _stdout + await _stderr;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
