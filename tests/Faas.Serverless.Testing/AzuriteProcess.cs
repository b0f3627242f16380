using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Faas.Serverless.Testing;

/// <summary>
/// One Azurite process on three loopback ports, in memory or on disk (<paramref name="location"/>); the fixtures
/// decide its lifetime. Start it again on the same ports and location to end a simulated storage outage.
/// </summary>
internal sealed class AzuriteProcess(int[] ports, string? location) : IDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _stderr = new();
    private Process? _process;

    public bool Running => _process is { HasExited: false };

    public int Pid => _process?.Id ?? throw new InvalidOperationException("Azurite has not been started.");

    public string ConnectionString
    {
        get
        {
            var endpoint = (int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}";
            return $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
                $"BlobEndpoint={endpoint(ports[0])};QueueEndpoint={endpoint(ports[1])};TableEndpoint={endpoint(ports[2])}";
        }
    }

    public async Task StartAsync()
    {
        _process?.Dispose();
        var azurite = AzuritePaths.Find();
        var startInfo = new ProcessStartInfo(azurite)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = location ?? Path.GetTempPath(),
        };
        foreach (var argument in Arguments())
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start Azurite at {azurite}.");
        _process.ErrorDataReceived += (_, line) => AppendStderr(line.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitUntilListeningAsync().ConfigureAwait(false);
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process!.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
        }
    }

    public void Kill()
    {
        if (Running)
        {
            _process!.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Idempotent: xunit disposes a fixture that is both IAsyncLifetime and IDisposable twice.</summary>
    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _process = null;
    }

    // Listening on port 0 lets the OS pick; all listeners stay open until every port is known so none repeats.
    public static int[] FreePorts(int count)
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

    private string[] Arguments() =>
    [
        .. location is null ? ["--inMemoryPersistence"] : new[] { "--location", location },
        "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(CultureInfo.InvariantCulture),
        "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(CultureInfo.InvariantCulture),
        "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(CultureInfo.InvariantCulture),
    ];

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in ports)
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
