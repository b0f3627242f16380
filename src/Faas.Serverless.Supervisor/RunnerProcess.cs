using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Faas.Serverless.Supervisor;

/// <summary>One runner agent process and how to stop it politely (SIGTERM, then a kill after a grace period).</summary>
internal sealed partial class RunnerProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private RunnerProcess(Process process, ReplicaKey key, string apiKeyId)
    {
        _process = process;
        Key = key;
        ApiKeyId = apiKeyId;
        StartedAt = DateTimeOffset.UtcNow;
    }

    public ReplicaKey Key { get; }

    /// <summary>The bot key issued for this process alone, revoked when it exits.</summary>
    public string ApiKeyId { get; }

    public DateTimeOffset StartedAt { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public Task Exited => _process.WaitForExitAsync();

    public static RunnerProcess Start(ProcessStartInfo startInfo, ReplicaKey key, string apiKeyId, Action<string> onOutput)
    {
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data, onOutput);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, onOutput);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new RunnerProcess(process, key, apiKeyId);
    }

    /// <summary>Asks the agent to drain (it finishes or hands back its work), and kills it if it outstays <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Kill(_process.Id, SigTerm);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
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
        if (line is not null)
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
