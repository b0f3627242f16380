using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Faas.Serverless.AzureStorage;
using Xunit;

namespace Faas.Serverless.Testing;

/// <summary>
/// One in-memory Azurite process on three free loopback ports, shared by a test collection. Tests isolate
/// themselves by using their own tables, queues and containers (<see cref="UniqueName"/>).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private string? _connectionString;
    private StorageConnection? _connection;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Azurite has not been started.");

    public StorageConnection Connection => _connection ?? throw new InvalidOperationException("Azurite has not been started.");

    public StorageAccount CreateAccount() => new(Connection);

    /// <summary>A name valid for a table, a queue and a container: lowercase letters and digits, starting with a letter.</summary>
    public static string UniqueName(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var clean = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        if (clean.Length == 0 || !char.IsAsciiLetter(clean[0]))
        {
            clean = "t" + clean;
        }

        return clean + Guid.NewGuid().ToString("N")[..16];
    }

    public async Task InitializeAsync()
    {
        var azurite = AzuritePaths.Find();
        var ports = FreePorts(3);
        var startInfo = new ProcessStartInfo(azurite)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in Arguments(ports))
        {
            startInfo.ArgumentList.Add(argument);
        }

        _process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start Azurite at {azurite}.");
        _process.ErrorDataReceived += (_, line) => AppendStderr(line.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        await WaitUntilListeningAsync(ports).ConfigureAwait(false);

        var endpoint = (int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{AccountName}";
        _connectionString = $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={endpoint(ports[0])};QueueEndpoint={endpoint(ports[1])};TableEndpoint={endpoint(ports[2])}";
        _connection = StorageConnection.Parse(_connectionString);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static string[] Arguments(int[] ports) =>
    [
        "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
        "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(CultureInfo.InvariantCulture),
        "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(CultureInfo.InvariantCulture),
        "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(CultureInfo.InvariantCulture),
    ];

    // Listening on port 0 lets the OS pick; all listeners stay open until every port is known so none repeats.
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

    private async Task WaitUntilListeningAsync(int[] ports)
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
