using System.Net;
using System.Net.Sockets;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class HostApiClientTests
{
    private static readonly RunnerOptions Options = new(new Uri("http://127.0.0.1:7071/"), "p1", "s1", "r1", "tok", "/tmp", "python3", "/tmp");

    [Fact]
    public async Task LeaseAsync_ServerErrorThenSuccess_RetriesAndReturnsItems()
    {
        var handler = new StubHandler(
            _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => Json("""{"items":[{"leaseId":"l1","executionId":"e1","attempt":1,"functionName":"f","input":{},"timeoutSeconds":5,"leaseSeconds":60}]}"""));

        var items = await Client(handler).LeaseAsync(2, 0);

        Assert.Equal("e1", Assert.Single(items).ExecutionId);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("http://127.0.0.1:7071/api/v1/projects/p1/services/s1/work/lease", handler.Requests[0].Uri);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer tok", r.Authorization));
    }

    [Fact]
    public async Task LeaseAsync_ConnectionRefusedThenSuccess_Retries()
    {
        var handler = new StubHandler(
            _ => throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused)),
            _ => Json("""{"items":[]}"""));

        Assert.Empty(await Client(handler).LeaseAsync(1, 0));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task GetSpecAsync_Refused_ThrowsRefusedWithoutRetry(HttpStatusCode status)
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(status));

        await Assert.ThrowsAsync<HostRefusedException>(() => Client(handler).GetSpecAsync());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task PostEventsAsync_BadRequest_ThrowsWithStatusWithoutRetry()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest));

        var error = await Assert.ThrowsAsync<HostApiException>(() => Client(handler).PostEventsAsync([]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task OpenCodebaseAsync_OtherOrigin_SendsNoToken()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2]) }, _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1]) });
        var client = Client(handler);

        await using (await client.OpenCodebaseAsync("https://storage.example/zip?sig=x"))
        {
        }

        await using (await client.OpenCodebaseAsync("/api/v1/projects/p1/packages/k/codebase?revision=2"))
        {
        }

        Assert.Null(handler.Requests[0].Authorization);
        Assert.Equal("Bearer tok", handler.Requests[1].Authorization);
        Assert.Equal("http://127.0.0.1:7071/api/v1/projects/p1/packages/k/codebase?revision=2", handler.Requests[1].Uri);
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    private static HostApiClient Client(StubHandler handler)
    {
        var http = new HttpClient(new BearerTokenHandler(Options) { InnerHandler = handler }) { BaseAddress = Options.HostUri };
        return new HostApiClient(http, Options, NullLogger<HostApiClient>.Instance);
    }

    private sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        public List<(string Uri, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.ToString(), request.Headers.Authorization?.ToString()));
            var respond = responses[Math.Min(Requests.Count - 1, responses.Length - 1)];
            return Task.FromResult(respond(request));
        }
    }
}
