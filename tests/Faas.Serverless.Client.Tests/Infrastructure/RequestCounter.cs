namespace Faas.Serverless.Client.Tests.Infrastructure;

/// <summary>Counts the requests a client sends, to see how many pages a listing asked for.</summary>
public sealed class RequestCounter : DelegatingHandler
{
    private int _requests;

    public int Requests => _requests;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return base.SendAsync(request, cancellationToken);
    }
}
