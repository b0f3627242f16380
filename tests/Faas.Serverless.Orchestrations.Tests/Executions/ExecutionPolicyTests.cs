using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

public sealed class ExecutionPolicyTests
{
    [Theory]
    [InlineData(2, 300, 1, 2)]
    [InlineData(2, 300, 2, 4)]
    [InlineData(2, 300, 3, 8)]
    [InlineData(2, 300, 4, 16)]
    [InlineData(2, 300, 7, 128)]
    [InlineData(2, 300, 8, 256)]
    [InlineData(2, 300, 9, 300)]
    [InlineData(2, 300, 10, 300)]
    [InlineData(2, 300, 1000, 300)]
    [InlineData(2, 300, int.MaxValue, 300)]
    [InlineData(2, 300, 0, 2)]
    [InlineData(1, 10, 4, 8)]
    [InlineData(1, 10, 5, 10)]
    [InlineData(0, 0, 3, 0)]
    [InlineData(0, 300, 30, 0)]
    [InlineData(5, 5, 1, 5)]
    [InlineData(5, 5, 6, 5)]
    [InlineData(int.MaxValue, int.MaxValue, 40, int.MaxValue)]
    public void RetryDelay_FailedAttempts_DoublesFromBaseUpToCap(int baseSeconds, int maxSeconds, int failedAttempts, int expectedSeconds)
    {
        var policy = new ExecutionPolicy(3, 60, baseSeconds, maxSeconds);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.RetryDelay(failedAttempts));
    }

    [Fact]
    public void Constructor_Defaults_MatchHostJson()
    {
        var policy = new ExecutionPolicy(3, 3600);

        Assert.Equal(2, policy.RetryBackoffBaseSeconds);
        Assert.Equal(300, policy.RetryBackoffMaxSeconds);
        Assert.Equal(60, policy.TerminationGraceSeconds);
    }

    [Theory]
    [InlineData(0, 60, 2, 300, 60)]
    [InlineData(3, 0, 2, 300, 60)]
    [InlineData(3, 60, -1, 300, 60)]
    [InlineData(3, 60, 10, 5, 60)]
    [InlineData(3, 60, 2, 300, 0)]
    public void Constructor_OutOfRange_Throws(int maxAttempts, int timeout, int baseSeconds, int maxSeconds, int grace)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionPolicy(maxAttempts, timeout, baseSeconds, maxSeconds, grace));
    }
}
