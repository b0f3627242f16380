using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Options;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// The Python worker child process. One loop reads its stdout (JSON lines) and hands each message to the handler;
/// one loop forwards its stderr to the agent's log (keeping the last lines for error reports); writes to its stdin
/// are serialized. <see cref="Exited"/> completes with the exit code once stdout is closed and the process is gone.
/// </summary>
internal sealed partial class WorkerProcess : IAsyncDisposable
{
    private const int StderrTailLines = 40;
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly IWorkerMessageHandler _handler;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Queue<string> _stderrTail = new();
    private readonly Task<int> _exited;

    private WorkerProcess(Process process, IWorkerMessageHandler handler, ILogger logger)
    {
        _process = process;
        _handler = handler;
        _logger = logger;
        _process.StandardInput.NewLine = "\n";
        _process.StandardInput.AutoFlush = false;
        Pid = process.Id;
        var stdout = ReadStdoutAsync();
        var stderr = ReadStderrAsync();
        _exited = WaitForExitAsync(stdout, stderr);
    }

    public int Pid { get; }

    public Task<int> Exited => _exited;

    /// <summary>The last lines the worker wrote to stderr (for error reports when it dies).</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return string.Join('\n', _stderrTail);
            }
        }
    }

    /// <exception cref="System.ComponentModel.Win32Exception">The interpreter cannot be started.</exception>
    public static WorkerProcess Start(WorkerStartInfo info, IWorkerMessageHandler handler, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(info);
        var psi = new ProcessStartInfo(info.Python)
        {
            WorkingDirectory = info.CodebaseDir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardOutputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-u", "-m", "faas.worker", "--codebase", info.CodebaseDir, "--entry-point", info.EntryPoint, "--class-name", info.ClassName })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["PYTHONPATH"] = info.SdkDir + Path.PathSeparator + info.CodebaseDir;
        psi.Environment["PYTHONUNBUFFERED"] = "1";
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        // User code gets no credentials: the bot key stays with the agent.
        psi.Environment.Remove(RunnerEnvironment.Token);
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"'{info.Python}' did not start.");
        LogStarted(logger, process.Id, info.Python, info.CodebaseDir);
        return new WorkerProcess(process, handler, logger);
    }

    public Task SendAsync(InitRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.InitRequest, cancellationToken);

    public Task SendAsync(InvokeRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.InvokeRequest, cancellationToken);

    public Task SendAsync(TerminateRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.TerminateRequest, cancellationToken);

    public Task SendAsync(ShutdownRequest request, CancellationToken cancellationToken = default) => WriteAsync(request, RunnerJson.Default.ShutdownRequest, cancellationToken);

    /// <summary>Kills the worker and its children.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
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

        _process.Dispose();
        _writeLock.Dispose();
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
        catch (IOException ex)
        {
            throw new WorkerUnavailableException("The worker's stdin is closed; the worker has exited.", ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadStdoutAsync()
    {
        await Task.Yield();
        var reader = _process.StandardOutput;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            WorkerMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(line, RunnerJson.Default.WorkerMessage);
            }
            catch (JsonException ex)
            {
                LogBadLine(_logger, Truncate(line), ex.Message);
                continue;
            }

            if (message is null || message.Type.Length == 0)
            {
                LogBadLine(_logger, Truncate(line), "no message type");
                continue;
            }

            try
            {
                _handler.OnMessage(message);
            }
#pragma warning disable CA1031 // The reader loop must survive a handler bug; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogHandlerFailed(_logger, ex, message.Type);
            }
        }
    }

    private async Task ReadStderrAsync()
    {
        await Task.Yield();
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                while (_stderrTail.Count > StderrTailLines)
                {
                    _stderrTail.Dequeue();
                }
            }

            LogStderr(_logger, Pid, line);
        }
    }

    private async Task<int> WaitForExitAsync(Task stdout, Task stderr)
    {
        await Task.WhenAll(stdout, stderr);
        await _process.WaitForExitAsync();
        var code = _process.ExitCode;
        LogExited(_logger, Pid, code);
        return code;
    }

    private static string Truncate(string line) => line.Length > 500 ? line[..500] + "…" : line;
}
