using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

/// <summary>
/// Loopback forwarders in front of Azurite's three ports. <see cref="Cut"/> drops every connection and refuses new
/// ones: to its clients the storage account is gone, as it is for a host that died (its leases and messages stay
/// held until they expire), without killing the test process.
/// </summary>
public sealed partial class StorageProxy : IAsyncDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cut;

    private StorageProxy(string connectionString)
    {
        ConnectionString = Endpoint().Replace(connectionString, match =>
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            _listeners.Add(listener);
            var target = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
            _ = AcceptAsync(listener, target);
            return $"{match.Groups["prefix"].Value}{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
        });
    }

    public string ConnectionString { get; }

    public static StorageProxy Start(string connectionString) => new(connectionString);

    public void Cut()
    {
        _cut = true;
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listeners.ForEach(listener => listener.Stop());
        Cut();
        _stop.Dispose();
    }

    [GeneratedRegex(@"(?<prefix>(Blob|Queue|Table)Endpoint=http://127\.0\.0\.1:)(?<port>\d+)")]
    private static partial Regex Endpoint();

    private async Task AcceptAsync(TcpListener listener, int target)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                client.Dispose();
                continue;
            }

            _ = ForwardAsync(client, target);
        }
    }

    private async Task ForwardAsync(TcpClient client, int target)
    {
        using var upstream = new TcpClient();
        _connections[client] = 0;
        _connections[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, target, _stop.Token);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var down = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(down.CopyToAsync(up, cancel.Token), up.CopyToAsync(down, cancel.Token));
            await cancel.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A cut or a closed peer ends the connection either way.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(upstream, out _);
            client.Dispose();
        }
    }
}
