namespace Faas.Serverless.Supervisor.Tests;

public sealed class ReplicaSlotTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    [Fact]
    public void RecordExit_RepeatedCrashes_BacksOffExponentiallyUpToTheCap()
    {
        var slot = new ReplicaSlot(new ReplicaKey("p", "s", 1, 0));
        var delays = new List<double>();

        for (var crash = 0; crash < 8; crash++)
        {
            slot.RecordExit(exitCode: 1, Now, MaxBackoff);
            delays.Add((slot.NotBefore - Now).TotalSeconds);
        }

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void RecordExit_InitFailures_CountUntilAnotherExitCode()
    {
        var slot = new ReplicaSlot(new ReplicaKey("p", "s", 1, 0));

        slot.RecordExit(ExitCodes.InitFailed, Now, MaxBackoff);
        slot.RecordExit(ExitCodes.InitFailed, Now, MaxBackoff);
        Assert.Equal(2, slot.ConsecutiveInitFailures);

        slot.RecordExit(exitCode: 1, Now, MaxBackoff);
        Assert.Equal(0, slot.ConsecutiveInitFailures);
    }

    [Fact]
    public void ReplicaId_TwoServicesCreatedTogether_AreDistinct()
    {
        var first = new ReplicaKey("p", "01a1fd88aaaa0000", 1, 0);
        var second = new ReplicaKey("p", "01a1fd88bbbb0000", 1, 0);

        Assert.NotEqual(first.ReplicaId, second.ReplicaId);
    }
}
