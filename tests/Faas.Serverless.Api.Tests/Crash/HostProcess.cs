using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>
/// The host as a process of its own (<c>dotnet Faas.Serverless.Host.dll</c>, built in the configuration the
/// tests were built in), so that a test can kill -9 it and start it again on the same port.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly ITestOutputHelper _output;
    private readonly string _name;
    private readonly ConcurrentQueue<string> _lines = new();

    private HostProcess(Process process, ITestOutputHelper output, string name)
    {
        _process = process;
        _output = output;
        _name = name;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the host has written so far, for tests that look for what it (or a runner through it) logged.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The host dll next to its project, in Debug or Release like this test assembly.</summary>
    public static string HostDll { get; } = Path.Combine(RepositoryBuild.OutputOf("hosts/Faas.Serverless.Host"), "Faas.Serverless.Host.dll");

    /// <param name="name">Prefix of the host's output lines in the test log.</param>
    public static HostProcess Start(string name, Uri url, IReadOnlyDictionary<string, string> environment, ITestOutputHelper output)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            // The content root: the host finds the repository's host.json by walking up from it.
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { HostDll, "--urls", url.ToString().TrimEnd('/') })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the host process.");
        var host = new HostProcess(process, output, name);
        process.OutputDataReceived += (_, e) => host.Write(e.Data);
        process.ErrorDataReceived += (_, e) => host.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async Task WaitUntilHealthyAsync(HttpClient client, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Assert.False(_process.HasExited, $"The host process exited with code {(_process.HasExited ? _process.ExitCode : 0)} before it was healthy.");
            try
            {
                using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.True(DateTime.UtcNow < deadline, $"The host was not healthy within {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }

    /// <summary>kill -9 of the host alone: its runner processes live on as orphans.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops the host: it drains and stops its runners, then exits.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        try
        {
            _output.WriteLine($"[{_name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test is over; the process is being torn down.
        }
    }
}
