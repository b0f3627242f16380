using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Supervisor.Tests;

public sealed class AutoscalerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly AutoscalerSpec Spec = new(MinReplicas: 1, MaxReplicas: 5, QueueLength: 10, CooldownPeriod: 60);

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 1, 1)]
    [InlineData(10, 1, 1)]
    [InlineData(11, 1, 2)]
    [InlineData(35, 1, 4)]
    [InlineData(1000, 1, 5)]
    [InlineData(35, 3, 4)]
    public void Decide_QueueAboveCurrentCapacity_ScalesOutAtOnce(int queueLength, int current, int expected)
    {
        Assert.Equal(expected, Autoscaler.Decide(Spec, queueLength, current, Now, lastNeededAt: Now));
    }

    [Fact]
    public void Decide_LowerNeedWithinCooldown_KeepsReplicas()
    {
        Assert.Equal(4, Autoscaler.Decide(Spec, queueLength: 0, current: 4, Now, lastNeededAt: Now.AddSeconds(-59)));
    }

    [Fact]
    public void Decide_LowerNeedAfterCooldown_ScalesInToTheNeed()
    {
        Assert.Equal(2, Autoscaler.Decide(Spec, queueLength: 15, current: 4, Now, lastNeededAt: Now.AddSeconds(-60)));
    }

    [Fact]
    public void Decide_EmptyQueueWithZeroMinimum_ScalesToZeroAfterCooldown()
    {
        var spec = Spec with { MinReplicas = 0 };

        Assert.Equal(0, Autoscaler.Decide(spec, queueLength: 0, current: 2, Now, lastNeededAt: Now.AddMinutes(-5)));
    }
}
