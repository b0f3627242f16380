using System.Net;
using Faas.Serverless.Runner.Api;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class RetryPolicyTests
{
    [Fact]
    public void DelayFor_GrowsExponentiallyUpToCap()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        var random = new Random(1);

        var delays = Enumerable.Range(1, 8).Select(a => policy.DelayFor(a, random).TotalMilliseconds).ToList();

        Assert.InRange(delays[0], 50, 100);
        Assert.InRange(delays[2], 200, 400);
        Assert.All(delays.Skip(4), d => Assert.InRange(d, 500, 1000));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public void IsTransient_ByStatus_MatchesRetryRules(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, RetryPolicy.IsTransient(status));

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, true)]
    [InlineData(HttpStatusCode.Forbidden, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.Conflict, false)]
    public void IsRefused_ByStatus_OnlyAuthAndMissing(HttpStatusCode status, bool refused) =>
        Assert.Equal(refused, RetryPolicy.IsRefused(status));

    [Fact]
    public void CanRetry_ZeroMaxAttempts_RetriesForever() =>
        Assert.True(new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero).CanRetry(1_000));
}
