using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Faas.Serverless.Bench;

/// <summary>Starts the fresh Azurite and host one run owns, and stops them (with the host's runners) at the end.</summary>
internal sealed class Processes : IAsyncDisposable
{
    private readonly List<Process> _started = [];
    private readonly List<StreamWriter> _outputs = [];

    public required string RepositoryRoot { get; init; }

    public required string WorkDir { get; init; }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>Azurite with every request logged to <paramref name="debugLog"/>; returns its pid and connection string.</summary>
    /// <param name="inMemory">Else its data goes to a folder of the work dir.</param>
    public (int Pid, string ConnectionString) StartAzurite(string debugLog, bool inMemory)
    {
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var azurite = Path.Combine(RepositoryRoot, "node_modules", ".bin", "azurite");
        string[] persistence = inMemory ? ["--inMemoryPersistence"] : ["--location", Directory.CreateDirectory(Path.Combine(WorkDir, "azurite-data")).FullName];
        Start(azurite, Path.Combine(WorkDir, "azurite.out"), null,
            [.. persistence, "--skipApiVersionCheck", "--disableTelemetry", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
            "--debug", debugLog]);
        const string key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + key
            + $";BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        return (_started[^1].Id, connection);
    }

    public int StartHost(Uri url, IReadOnlyDictionary<string, string> environment)
    {
        var dll = Path.Combine(RepositoryRoot, "hosts", "Faas.Serverless.Host", "bin", "Release", "net10.0", "Faas.Serverless.Host.dll");
        Start("dotnet", Path.Combine(WorkDir, "host.log"), environment, dll, "--urls", url.ToString().TrimEnd('/'));
        return _started[^1].Id;
    }

    private void Start(string fileName, string outputFile, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        // The content root: the host finds the repository's host.json by walking up from it.
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Path.GetDirectoryName(arguments[0]) is { Length: > 0 } dir && Directory.Exists(dir) ? dir : WorkDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = new StreamWriter(outputFile) { AutoFlush = true };
        _outputs.Add(output);
        process.OutputDataReceived += (_, e) => Write(output, e.Data);
        process.ErrorDataReceived += (_, e) => Write(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
    }

    private static void Write(StreamWriter output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            // A line can still arrive from a process killed after its output file was closed at the end.
            try
            {
                output.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>Stops one started process early (SIGTERM, so the host drains and stops its runners), leaving the rest running.</summary>
    public async Task StopAsync(int pid)
    {
        var process = _started.First(p => p.Id == pid);
        await TerminateAsync(process);
    }

    /// <summary>SIGTERM first, newest first, so the host drains and stops its runners before Azurite goes.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await TerminateAsync(_started[i]);
            _started[i].Dispose();
        }

        foreach (var output in _outputs)
        {
            lock (output)
            {
                output.Dispose();
            }
        }
    }

    private static async Task TerminateAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
