using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Functions.Tests.Faults;

/// <summary>
/// A TCP relay in front of a storage emulator, port for port. <see cref="Cut"/> resets every open connection and
/// refuses new ones, which is what the platform sees when its storage process dies, while the emulator keeps
/// everything it acknowledged: Azurite 3.37 saves its databases every 5 s only, so a kill -9 of Azurite under load
/// rolls storage back by up to 5 s of acknowledged writes, which real storage never does.
/// </summary>
public sealed partial class StorageRelay : IDisposable
{
    private readonly Dictionary<int, int> _targets = [];
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly List<TcpListener> _listeners = [];
    private CancellationTokenSource _running = new();

    /// <param name="connectionString">The emulator's, with loopback endpoints.</param>
    public StorageRelay(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ConnectionString = LoopbackPort().Replace(connectionString, match =>
        {
            var target = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            var port = Crash.HostProcess.FreePort();
            _targets[port] = target;
            return $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        });
    }

    /// <summary>The emulator's connection string with the relay's ports.</summary>
    public string ConnectionString { get; }

    public void Start()
    {
        _running = new CancellationTokenSource();
        foreach (var (port, target) in _targets)
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            _listeners.Add(listener);
            _ = AcceptAsync(listener, target, _running.Token);
        }
    }

    /// <summary>Refuses new connections and resets the open ones (RST, as a killed process's sockets are).</summary>
    public void Cut()
    {
        _running.Cancel();
        _listeners.ForEach(listener => listener.Stop());
        _listeners.Clear();
        foreach (var socket in _sockets.Keys)
        {
            Reset(socket);
        }
    }

    public void Dispose()
    {
        Cut();
        _running.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, int target, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, target, cancellationToken);
        }
    }

    private async Task RelayAsync(Socket client, int target, CancellationToken cancellationToken)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _sockets[client] = 0;
        _sockets[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, target, cancellationToken);
            await Task.WhenAny(PumpAsync(client, upstream, cancellationToken), PumpAsync(upstream, client, cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Cut, or one side went away: both are closed below.
        }
        finally
        {
            _sockets.TryRemove(client, out _);
            _sockets.TryRemove(upstream, out _);
            if (cancellationToken.IsCancellationRequested)
            {
                Reset(client);
            }
            else
            {
                Close(client);
            }

            client.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The relay ends the connection.
        }
    }

    /// <summary>One side closed: the other side sees an orderly end of its connection.</summary>
    private static void Close(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Reset or closed already.
        }

        socket.Close();
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Closed already.
        }
    }

    [GeneratedRegex(@"127\.0\.0\.1:(?<port>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex LoopbackPort();
}
