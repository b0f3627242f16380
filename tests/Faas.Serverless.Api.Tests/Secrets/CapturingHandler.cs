using System.Collections.Concurrent;

namespace Faas.Serverless.Api.Tests.Secrets;

/// <summary>Keeps the body of every response a client received in <paramref name="bodies"/>, so a test can look for a value in all of them.</summary>
public sealed class CapturingHandler(ConcurrentQueue<string> bodies) : DelegatingHandler
{

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        bodies.Enqueue(await response.Content.ReadAsStringAsync(cancellationToken));
        return response;
    }
}
