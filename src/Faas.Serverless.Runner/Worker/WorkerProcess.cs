using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Faas.Serverless.Runner.Api;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// One Python worker child process. One loop reads its stdout (JSON lines, each bounded) and hands each message to the
/// handler; one loop forwards its stderr to the agent's log (keeping the last lines for error reports); writes to its
/// stdin are serialized. <see cref="Exited"/> completes as soon as the process is gone: then its process group is
/// killed (what user code started dies with it) and the lines it wrote before dying are dispatched.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private const int StderrTailLines = 40;
    private const int MaxStderrLineBytes = 16 * 1024;
    private static readonly TimeSpan PipeDrainTimeout = TimeSpan.FromSeconds(1);
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly IWorkerMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly int _maxLineBytes;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<string> _stderrTail = new();
    private readonly Task<WorkerExit> _exited;

    private WorkerProcess(Process process, IWorkerMessageHandler handler, ILogger logger, int maxLineBytes)
    {
        _process = process;
        _handler = handler;
        _logger = logger;
        _maxLineBytes = maxLineBytes;
        _process.StandardInput.NewLine = "\n";
        _process.StandardInput.AutoFlush = false;
        Pid = process.Id;
        var stdout = ReadStdoutAsync();
        var stderr = ReadStderrAsync();
        _exited = WaitForExitAsync(stdout, stderr);
    }

    public int Pid { get; }

    public Task<WorkerExit> Exited => _exited;

    /// <exception cref="System.ComponentModel.Win32Exception">The interpreter cannot be started.</exception>
    public static WorkerProcess Start(WorkerStartInfo info, IReadOnlyDictionary<string, string> environment, IWorkerMessageHandler handler, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(environment);
        var psi = new ProcessStartInfo(info.Python)
        {
            WorkingDirectory = info.CodebaseDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-u", "-m", "faas.worker", "--codebase", info.CodebaseDir, "--entry-point", info.EntryPoint, "--class-name", info.ClassName })
        {
            psi.ArgumentList.Add(arg);
        }

        // Built from nothing: nothing of the agent's environment (its token, the host's settings) reaches user code.
        psi.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"'{info.Python}' did not start.");
        LogStarted(logger, process.Id, info.Python, info.CodebaseDir);
        return new WorkerProcess(process, handler, logger, info.MaxLineBytes);
    }

    public Task SendAsync(InitRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.InitRequest, cancellationToken);

    public Task SendAsync(InvokeRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.InvokeRequest, cancellationToken);

    public Task SendAsync(TerminateRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.TerminateRequest, cancellationToken);

    public Task SendAsync(ShutdownRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.ShutdownRequest, cancellationToken);

    /// <summary>SIGKILLs the worker's process group, and the worker itself should it not lead its group yet.</summary>
    public void Kill()
    {
        try
        {
            if (_process.HasExited)
            {
                return;
            }

            NativeProcess.KillGroup(Pid);
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            await _exited.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The reader loops end with the process; do not hang disposal on a stuck pipe.
        }

        // The write lock is left undisposed: the slot disposes a worker when it exits, which can be while a write (a
        // shutdown, a terminate) is still releasing the lock. It holds no wait handle, so nothing leaks.
        _process.Dispose();
    }

    private string StderrTail()
    {
        lock (_stderrTail)
        {
            return string.Join('\n', _stderrTail);
        }
    }

    private async Task WriteAsync<T>(T request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.Serialize(request, typeInfo);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var stdin = _process.StandardInput;
            await stdin.WriteLineAsync(line.AsMemory(), cancellationToken);
            await stdin.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw new WorkerUnavailableException("The worker's stdin is closed; the worker has exited.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<WorkerExit> WaitForExitAsync(Task stdout, Task stderr)
    {
        await _process.WaitForExitAsync();

        // Children of the worker still hold its pipes open; with them gone, what it wrote before dying drains at once.
        NativeProcess.KillGroup(Pid);
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(PipeDrainTimeout);
        }
        catch (TimeoutException)
        {
            LogPipesOpen(_logger, Pid);
        }

        var code = _process.ExitCode;
        LogExited(_logger, Pid, code);
        return new WorkerExit(code, StderrTail());
    }
}
