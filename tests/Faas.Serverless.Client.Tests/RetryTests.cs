using System.Net;
using System.Net.Http.Headers;

namespace Faas.Serverless.Client.Tests;

/// <summary>Retries of 429 and 503 with Retry-After, against a scripted handler.</summary>
public sealed class RetryTests
{
    [Fact]
    public async Task GetProjectAsync_429ThenOk_WaitsRetryAfterAndAnswersTheProject()
    {
        using var handler = new ScriptedHandler(
            Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1),
            Answer(HttpStatusCode.OK, body: """{"id": "p1", "name": "demo", "organizationId": "o1", "createdAt": "2026-11-21T09:55:39+00:00", "creator": "admin"}"""));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://faas.test/") };
        using var client = new FaasClient(http, "key");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var project = await client.GetProjectAsync("p1");

        Assert.Equal("demo", project.Name);
        Assert.Equal(2, handler.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
        Assert.All(handler.Requests, r => Assert.Equal("Bearer key", r));
    }

    [Fact]
    public async Task PushPackageAsync_503Twice_SendsTheWholeZipEachTime()
    {
        using var handler = new ScriptedHandler(
            Answer(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 0),
            Answer(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 0),
            Answer(HttpStatusCode.BadRequest, body: """{"title": "The request is invalid", "status": 400, "errors": {"name": ["name is required."]}}"""));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://faas.test/") };
        using var client = new FaasClient(http, "key");
        using var zip = new MemoryStream([1, 2, 3, 4, 5]);

        var error = await Assert.ThrowsAsync<FaasApiException>(() => client.PushPackageAsync("p1", "{}", zip));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(3, handler.BodyLengths.Count);
        Assert.Single(handler.BodyLengths.Distinct());
    }

    [Fact]
    public async Task GetProjectAsync_RetryAfterAboveTheCap_AnswersThe429()
    {
        using var handler = new ScriptedHandler(Answer(HttpStatusCode.TooManyRequests, retryAfterSeconds: 120));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://faas.test/") };
        using var client = new FaasClient(http, "key");

        var error = await Assert.ThrowsAsync<FaasApiException>(() => client.GetProjectAsync("p1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task GetProjectAsync_RetriesOff_Answers503AtOnce()
    {
        using var handler = new ScriptedHandler(Answer(HttpStatusCode.ServiceUnavailable, retryAfterSeconds: 0));
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://faas.test/") };
        using var client = new FaasClient(http, "key") { Retry = RetryPolicy.None };

        var error = await Assert.ThrowsAsync<FaasApiException>(() => client.GetProjectAsync("p1"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Single(handler.Requests);
    }

    private static Func<HttpResponseMessage> Answer(HttpStatusCode status, int? retryAfterSeconds = null, string body = """{"title": "Busy"}""") => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    };

    private sealed class ScriptedHandler(params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        public List<long> BodyLengths { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request.Headers.Authorization!.ToString());
            if (request.Content is not null)
            {
                BodyLengths.Add((await request.Content.ReadAsByteArrayAsync(cancellationToken)).Length);
            }

            return answers[Requests.Count - 1]();
        }
    }
}
