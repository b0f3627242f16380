using Faas.Serverless.Domain.Triggers.Cron;
using static Faas.Serverless.Domain.Tests.Triggers.Cron.CronTime;

namespace Faas.Serverless.Domain.Tests.Triggers.Cron;

public sealed class CronPlannerTests
{
    private static readonly CronSchedule EveryMinute = CronSchedule.Parse("* * * * *");
    private static readonly DateTimeOffset Ten = At("2024-01-01T10:00:00Z");

    [Fact]
    public void Defaults_AreFireLatestTenAndFiveSeconds()
    {
        Assert.Equal(CatchUpPolicy.FireLatest, CronPlanner.DefaultPolicy);
        Assert.Equal(10, CronPlanner.DefaultMaxCatchUp);
        Assert.Equal(TimeSpan.FromSeconds(5), CronPlanner.DefaultGrace);
    }

    [Fact]
    public void Due_NewTriggerBeforeFirstTick_NothingDue()
    {
        var due = CronPlanner.Due(EveryMinute, null, Ten.AddSeconds(30), Ten.AddSeconds(59));

        Assert.Empty(due.Fire);
        Assert.Equal(CronSkippedTicks.None, due.Skipped);
        Assert.Null(due.Checkpoint);
    }

    [Fact]
    public void Due_NewTrigger_SinceIsExclusive()
    {
        var due = CronPlanner.Due(EveryMinute, null, Ten, Ten.AddSeconds(1));

        Assert.Empty(due.Fire);
    }

    [Theory]
    [InlineData(CatchUpPolicy.FireLatest)]
    [InlineData(CatchUpPolicy.FireAll)]
    [InlineData(CatchUpPolicy.Skip)]
    public void Due_OnTimeTick_FiresUnderEveryPolicy(CatchUpPolicy policy)
    {
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddMinutes(1).AddMilliseconds(200), policy);

        Assert.Equal([Ten.AddMinutes(1)], due.Fire);
        Assert.Equal(0, due.Skipped.Count);
        Assert.Equal(Ten.AddMinutes(1), due.Checkpoint);
    }

    [Fact]
    public void Due_TickExactlyNow_IsDue() =>
        Assert.Equal([Ten.AddMinutes(1)], CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddMinutes(1), CatchUpPolicy.Skip).Fire);

    [Theory]
    [InlineData(5_000, 1)]
    [InlineData(5_001, 0)]
    public void Due_GraceBoundary_DecidesOnTime(int lateMilliseconds, int expectedFired)
    {
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddMinutes(1).AddMilliseconds(lateMilliseconds), CatchUpPolicy.Skip);

        Assert.Equal(expectedFired, due.Fire.Count);
        Assert.Equal(1 - expectedFired, due.Skipped.Count);
    }

    [Fact]
    public void Due_CustomGrace_IsUsed() =>
        Assert.Single(CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddMinutes(1).AddSeconds(30), CatchUpPolicy.Skip, grace: TimeSpan.FromMinutes(1)).Fire);

    [Fact]
    public void Due_FireAllUnderCap_FiresEveryMissedTickOldestFirst()
    {
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddMinutes(5).AddSeconds(30), CatchUpPolicy.FireAll, 10);

        Assert.Equal(Enumerable.Range(1, 5).Select(m => Ten.AddMinutes(m)), due.Fire);
        Assert.Equal(CronSkippedTicks.None, due.Skipped);
        Assert.Equal(Ten.AddMinutes(5), due.Checkpoint);
    }

    [Fact]
    public void Due_FireAllOverCap_KeepsNewestMissedPlusOnTimeAndReportsTheRest()
    {
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddHours(1).AddSeconds(1), CatchUpPolicy.FireAll, 3);

        Assert.Equal([Ten.AddMinutes(57), Ten.AddMinutes(58), Ten.AddMinutes(59), Ten.AddMinutes(60)], due.Fire);
        Assert.Equal(new CronSkippedTicks(56, Ten.AddMinutes(1), Ten.AddMinutes(56)), due.Skipped);
        Assert.Equal(Ten.AddMinutes(60), due.Checkpoint);
    }

    [Fact]
    public void Due_FireAllZeroCap_BehavesLikeSkip()
    {
        var now = Ten.AddMinutes(3).AddSeconds(1);

        Assert.Equal(CronPlanner.Due(EveryMinute, Ten, Ten, now, CatchUpPolicy.Skip).Fire, CronPlanner.Due(EveryMinute, Ten, Ten, now, CatchUpPolicy.FireAll, 0).Fire);
        Assert.Equal(2, CronPlanner.Due(EveryMinute, Ten, Ten, now, CatchUpPolicy.FireAll, 0).Skipped.Count);
    }

    [Fact]
    public void Due_FireLatestWithOnTimeTick_OnTimeTickStandsForTheMissedOnes()
    {
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddHours(1).AddSeconds(1), CatchUpPolicy.FireLatest);

        Assert.Equal([Ten.AddMinutes(60)], due.Fire);
        Assert.Equal(new CronSkippedTicks(59, Ten.AddMinutes(1), Ten.AddMinutes(59)), due.Skipped);
    }

    [Fact]
    public void Due_FireLatestWithoutOnTimeTick_FiresNewestMissed()
    {
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, Ten.AddMinutes(59).AddSeconds(30), CatchUpPolicy.FireLatest);

        Assert.Equal([Ten.AddMinutes(59)], due.Fire);
        Assert.Equal(new CronSkippedTicks(58, Ten.AddMinutes(1), Ten.AddMinutes(58)), due.Skipped);
        Assert.Equal(Ten.AddMinutes(59), due.Checkpoint);
    }

    [Fact]
    public void Due_SkipAfterOutage_FiresNothingButAdvancesCheckpointPastSkippedTicks()
    {
        var now = Ten.AddMinutes(59).AddSeconds(30);
        var due = CronPlanner.Due(EveryMinute, Ten, Ten, now, CatchUpPolicy.Skip);

        Assert.Empty(due.Fire);
        Assert.Equal(new CronSkippedTicks(59, Ten.AddMinutes(1), Ten.AddMinutes(59)), due.Skipped);
        Assert.Equal(Ten.AddMinutes(59), due.Checkpoint);

        var next = CronPlanner.Due(EveryMinute, due.Checkpoint, Ten, Ten.AddMinutes(60).AddMilliseconds(5), CatchUpPolicy.Skip);
        Assert.Equal([Ten.AddMinutes(60)], next.Fire);
        Assert.Equal(0, next.Skipped.Count);
    }

    [Theory]
    [InlineData(CatchUpPolicy.FireLatest)]
    [InlineData(CatchUpPolicy.Skip)]
    public void Due_SeveralTicksWithinGrace_AllFire(CatchUpPolicy policy)
    {
        var everySecond = CronSchedule.Parse("* * * * * *");

        var due = CronPlanner.Due(everySecond, Ten, Ten, Ten.AddSeconds(3.5), policy);

        Assert.Equal([Ten.AddSeconds(1), Ten.AddSeconds(2), Ten.AddSeconds(3)], due.Fire);
    }

    [Fact]
    public void Due_NewTriggerWithLaterStartAt_FirstTickIsStartAt()
    {
        var schedule = EveryMinute.WithWindow(Ten, null);

        var due = CronPlanner.Due(schedule, null, Ten.AddHours(-1), Ten.AddMilliseconds(500));

        Assert.Equal([Ten], due.Fire);
        Assert.Equal(0, due.Skipped.Count);
    }

    [Fact]
    public void Due_AfterEndAt_NothingDueEver()
    {
        var schedule = EveryMinute.WithWindow(null, Ten.AddMinutes(2));

        var due = CronPlanner.Due(schedule, Ten.AddMinutes(2), Ten, Ten.AddDays(1), CatchUpPolicy.FireAll);

        Assert.Empty(due.Fire);
        Assert.Null(due.Checkpoint);
    }

    [Fact]
    public void Due_CheckpointAheadOfLocalClock_NothingDue()
    {
        // Another host with a faster clock already fired 10:01; this host's clock still reads 10:00:59.
        var due = CronPlanner.Due(EveryMinute, Ten.AddMinutes(1), Ten, Ten.AddSeconds(59));

        Assert.Empty(due.Fire);
        Assert.Null(due.Checkpoint);
    }

    [Fact]
    public void Due_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => CronPlanner.Due(null!, null, Ten, Ten));
        Assert.Throws<ArgumentOutOfRangeException>(() => CronPlanner.Due(EveryMinute, null, Ten, Ten, CatchUpPolicy.FireAll, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CronPlanner.Due(EveryMinute, null, Ten, Ten, grace: TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CronPlanner.Due(EveryMinute, null, Ten, Ten, (CatchUpPolicy)42));
    }
}
