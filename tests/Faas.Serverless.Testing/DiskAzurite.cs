using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Faas.Serverless.Testing;

/// <summary>
/// An Azurite of one test that keeps its data on disk, so the test can stop it (a storage outage) and start it
/// again on the same data and ports. Unlike <see cref="AzuriteFixture"/>, it is not shared.
/// </summary>
public sealed class DiskAzurite : IAsyncDisposable
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly string _location = Directory.CreateTempSubdirectory("faas-azurite-").FullName;
    private readonly int[] _ports = FreePorts(3);
    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public string ConnectionString
    {
        get
        {
            var endpoint = (int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}";
            return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
                $"BlobEndpoint={endpoint(_ports[0])};QueueEndpoint={endpoint(_ports[1])};TableEndpoint={endpoint(_ports[2])}";
        }
    }

    public bool Running => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (Running)
        {
            return;
        }

        _process?.Dispose();
        var startInfo = new ProcessStartInfo(AzuritePaths.Find())
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = _location,
        };
        foreach (var argument in Arguments())
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.ErrorDataReceived += (_, line) => AppendStderr(line.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitUntilListeningAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Stops Azurite the way a service manager does (SIGTERM: it stops listening and saves its databases), so a
    /// restart finds every write it acknowledged.
    /// </summary>
    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Running)
        {
            _process!.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        Directory.Delete(_location, recursive: true);
    }

    private string[] Arguments() =>
    [
        "--location", _location, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        "--blobHost", "127.0.0.1", "--blobPort", _ports[0].ToString(CultureInfo.InvariantCulture),
        "--queueHost", "127.0.0.1", "--queuePort", _ports[1].ToString(CultureInfo.InvariantCulture),
        "--tableHost", "127.0.0.1", "--tablePort", _ports[2].ToString(CultureInfo.InvariantCulture),
    ];

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in _ports)
        {
            while (!await AcceptsAsync(port).ConfigureAwait(false))
            {
                if (_process!.HasExited || deadline.Elapsed > StartupTimeout)
                {
                    var reason = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not listen on port {port} within {StartupTimeout.TotalSeconds:0} s";
                    throw new InvalidOperationException($"Azurite {reason}. Stderr:{Environment.NewLine}{Stderr()}");
                }

                await Task.Delay(50).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void AppendStderr(string? line)
    {
        if (line is not null)
        {
            lock (_stderr)
            {
                _stderr.AppendLine(line);
            }
        }
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "(empty)" : _stderr.ToString();
        }
    }
}
