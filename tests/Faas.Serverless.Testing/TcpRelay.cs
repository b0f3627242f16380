using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Testing;

/// <summary>
/// A TCP relay on loopback: each of its ports forwards to the first of its targets that accepts a connection.
/// <see cref="Cut"/> resets every open connection and refuses new ones, which is what clients see when the process
/// behind dies.
/// </summary>
public sealed partial class TcpRelay : IDisposable
{
    private readonly Dictionary<int, int[]> _targets;
    private readonly ConcurrentDictionary<Socket, byte> _sockets = new();
    private readonly List<TcpListener> _listeners = [];
    private CancellationTokenSource _running = new();

    private TcpRelay(Dictionary<int, int[]> targets) => _targets = targets;

    /// <summary>
    /// In front of a storage emulator, port for port: cut, it stands for the emulator's death while the emulator keeps
    /// everything it acknowledged (Azurite 3.37 saves its databases every 5 s only, so a kill -9 of Azurite under load
    /// rolls storage back by up to 5 s of acknowledged writes, which real storage never does).
    /// </summary>
    /// <returns>The relay (not started) and the emulator's connection string with the relay's ports.</returns>
    public static (TcpRelay Relay, string ConnectionString) ForStorage(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var targets = new Dictionary<int, int[]>();
        var relayed = LoopbackPort().Replace(connectionString, match =>
        {
            var port = AzuriteFixture.FreePort();
            targets[port] = [int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture)];
            return $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        });
        return (new TcpRelay(targets), relayed);
    }

    /// <summary>One address in front of several hosts, as a load balancer with failover: each connection goes to the first host that accepts it.</summary>
    /// <returns>The relay (not started) and its address.</returns>
    public static (TcpRelay Relay, Uri Url) ForHosts(params Uri[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var port = AzuriteFixture.FreePort();
        return (new TcpRelay(new() { [port] = [.. hosts.Select(host => host.Port)] }), new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
    }

    /// <summary>Listens on the relay's ports; after <see cref="Cut"/>, opens them again (the process behind is back).</summary>
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

    private async Task AcceptAsync(TcpListener listener, int[] targets, CancellationToken cancellationToken)
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

            _ = RelayAsync(client, targets, cancellationToken);
        }
    }

    private async Task RelayAsync(Socket client, int[] targets, CancellationToken cancellationToken)
    {
        _sockets[client] = 0;
        Socket? upstream = null;
        try
        {
            upstream = await ConnectAsync(targets, cancellationToken);
            _sockets[upstream] = 0;
            await Task.WhenAny(PumpAsync(client, upstream, cancellationToken), PumpAsync(upstream, client, cancellationToken));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Cut, or one side went away: both are closed below.
        }
        finally
        {
            _sockets.TryRemove(client, out _);
            if (upstream is not null)
            {
                _sockets.TryRemove(upstream, out _);
                upstream.Dispose();
            }

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

    /// <summary>The first target that accepts; the last one's refusal is thrown.</summary>
    private static async Task<Socket> ConnectAsync(int[] targets, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, targets[i], cancellationToken);
                return socket;
            }
            catch (SocketException) when (i < targets.Length - 1)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
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
