using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Storage.Tests;

/// <summary>
/// A loopback HTTP endpoint that records each request's path, query and headers and answers with a fixed body:
/// it stands in for a storage account or a managed identity endpoint we cannot reach from here.
/// </summary>
internal sealed class HeaderRecorder : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public HeaderRecorder(int status, string body)
    {
        Port = AzuriteFixture.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(() => ServeAsync(status, Encoding.UTF8.GetBytes(body)));
    }

    public int Port { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync(int status, byte[] body)
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(key => key, key => context.Request.Headers[key] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new RecordedRequest(context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}


internal sealed record RecordedRequest(string Path, string Query, IReadOnlyDictionary<string, string> Headers);
