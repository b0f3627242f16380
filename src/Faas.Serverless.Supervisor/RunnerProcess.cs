using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Faas.Serverless.Supervisor.Isolation;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// One runner agent process and how to stop it politely (SIGTERM, then a kill after a grace period). Its stdin is
/// a pipe that carries the bot token and the agent's pid, then stays open: its end tells the agent the host is gone.
/// </summary>
internal sealed partial class RunnerProcess : IDisposable
{
    private const int SigTerm = 15;
    private const string ChildPidStatus = "{ \"child-pid\"";
    private static readonly TimeSpan SandboxStartTimeout = TimeSpan.FromSeconds(10);
    private const int SignalRepeats = 100;
    private static readonly TimeSpan SignalRepeat = TimeSpan.FromMilliseconds(50);
    private readonly Process _process;

    private RunnerProcess(Process process, ReplicaKey key, ReplicaGrant grant, int pid)
    {
        _process = process;
        Key = key;
        Grant = grant;
        Pid = pid;
        StartedAt = DateTimeOffset.UtcNow;
    }

    public ReplicaKey Key { get; }

    public ReplicaGrant Grant { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The agent's pid as this host sees it (inside bubblewrap, the sandbox's first process).</summary>
    public int Pid { get; }

    /// <summary>The process this host started and waits for: the agent, or bubblewrap around it.</summary>
    public int StartedPid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public Task Exited => _process.WaitForExitAsync();

    public static async Task<RunnerProcess> StartAsync(SandboxCommandLine command, ReplicaKey key, ReplicaGrant grant, string token, Action<string> onOutput, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Clear();
        foreach (var (name, value) in command.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var childPid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data, onOutput);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ChildPidStatus, StringComparison.Ordinal))
            {
                childPid.TrySetResult(JsonDocument.Parse(line).RootElement.GetProperty("child-pid").GetInt32());
                return;
            }

            Forward(e.Data, onOutput);
        };
        process.Exited += (_, _) => childPid.TrySetException(new IOException($"it exited with code {process.ExitCode} before it ran"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var pid = command.ReportsChildPid ? await childPid.Task.WaitAsync(SandboxStartTimeout, cancellationToken) : process.Id;
            await process.StandardInput.WriteLineAsync(token);
            await process.StandardInput.WriteLineAsync(pid.ToString(CultureInfo.InvariantCulture));
            await process.StandardInput.FlushAsync(cancellationToken);
            return new RunnerProcess(process, key, grant, pid);
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new InvalidOperationException($"The runner of replica {key.ReplicaId} did not start: {ex.Message}", ex);
        }
    }

    /// <summary>Asks the agent to drain (it finishes or hands back its work), and kills it if it outstays <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            // The agent itself, not bubblewrap around it (bubblewrap passes no signals on). As the first process of
            // its pid namespace it ignores SIGTERM until .NET has installed its handler, which it does long before
            // it leases any work: the signal is repeated often enough to land in between.
            for (var sent = 0; !_process.HasExited && sent < SignalRepeats; sent++)
            {
                _ = Kill(Pid, SigTerm);
                try
                {
                    await _process.WaitForExitAsync(timeout.Token).WaitAsync(SignalRepeat, timeout.Token);
                }
                catch (TimeoutException)
                {
                    // Still running: draining, or not listening yet.
                }
            }

            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }

    public void Dispose() => _process.Dispose();

    private static void Forward(string? line, Action<string> onOutput)
    {
        if (line is not null && !line.StartsWith("{ \"exit-code\"", StringComparison.Ordinal))
        {
            onOutput(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

/// <summary>A replica slot: which service, which version, which index.</summary>
internal sealed record ReplicaKey(string ProjectId, string ServiceId, int Version, int Index)
{
    public string ReplicaId => $"{ServiceId}-v{Version}-r{Index}";
}
