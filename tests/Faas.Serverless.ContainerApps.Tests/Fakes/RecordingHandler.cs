using System.Net;
using System.Text;

namespace Faas.Serverless.ContainerApps.Tests.Fakes;

/// <summary>One HTTP request as it left the Azure.Core pipeline.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? Body);

/// <summary>
/// Stands in for Resource Manager under Azure.Core's HttpClientTransport: records every request and answers each with
/// the next scripted response (or fails the test when none is left).
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string? Body)> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public RecordingHandler Respond(HttpStatusCode status, string? body = null)
    {
        _responses.Enqueue((status, body));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        if (!_responses.TryDequeue(out var next))
        {
            throw new InvalidOperationException($"Unexpected request {request.Method} {request.RequestUri}: no response is scripted.");
        }

        return new HttpResponseMessage(next.Status)
        {
            Content = new StringContent(next.Body ?? string.Empty, Encoding.UTF8, "application/json"),
        };
    }
}
