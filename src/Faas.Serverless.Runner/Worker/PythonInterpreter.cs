using System.ComponentModel;
using System.Diagnostics;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// Finds the interpreter binary behind the configured Python command. A launcher (a pyenv shim, a wrapper script)
/// would add its own variables to the workers' environment and needs the agent's; the binary itself needs neither.
/// </summary>
internal static class PythonInterpreter
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The absolute path of <c>sys.executable</c>, or <paramref name="python"/> as given when it cannot tell.</summary>
    public static async Task<string> ResolveAsync(string python, CancellationToken cancellationToken = default)
    {
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-I", "-c", "import sys; sys.stdout.write(sys.executable)" })
        {
            psi.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(psi);
            if (process is null)
            {
                return python;
            }

            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            await process.WaitForExitAsync(timeout.Token);
            var executable = (await stdout).Trim();
            return process.ExitCode == 0 && Path.IsPathRooted(executable) && File.Exists(executable) ? executable : python;
        }
        catch (Win32Exception)
        {
            // Not startable: starting the workers reports it, as WorkerStartFailed.
            return python;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return python;
        }
    }
}
