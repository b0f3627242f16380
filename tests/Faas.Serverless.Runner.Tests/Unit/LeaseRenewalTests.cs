using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faas.Serverless.Runner.Tests.Unit;

public sealed class LeaseRenewalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RenewInterval_IsAThirdOfTheLease() =>
        Assert.Equal(TimeSpan.FromSeconds(20), Run("e1", 60).RenewInterval);

    [Fact]
    public void SelectDue_NoneDue_ReturnsEmpty()
    {
        var runs = new[] { Run("e1", 60), Run("e2", 60) };

        Assert.Empty(LeaseRenewalScheduler.SelectDue(runs, T0.AddSeconds(19)));
    }

    [Fact]
    public void SelectDue_OneDue_AddsThoseHalfwayToTheSameCall()
    {
        var due = Run("due", 60);
        var halfway = Run("halfway", 60, renewedAt: T0.AddSeconds(9));
        var fresh = Run("fresh", 60, renewedAt: T0.AddSeconds(15));

        var selected = LeaseRenewalScheduler.SelectDue([due, halfway, fresh], T0.AddSeconds(20));

        Assert.Equal(["due", "halfway"], selected.Select(r => r.ExecutionId));
    }

    [Fact]
    public void SelectDue_LeaseNoLongerHeld_IsSkipped()
    {
        var run = Run("e1", 60);
        run.LeaseHeld = false;

        Assert.Empty(LeaseRenewalScheduler.SelectDue([run], T0.AddMinutes(5)));
        Assert.Null(LeaseRenewalScheduler.NextDue([run]));
    }

    [Fact]
    public void NextDue_MixedLeases_ReturnsEarliest()
    {
        var runs = new[] { Run("a", 60), Run("b", 9, renewedAt: T0.AddSeconds(1)) };

        Assert.Equal(T0.AddSeconds(4), LeaseRenewalScheduler.NextDue(runs));
    }

    [Fact]
    public async Task RenewAsync_ManyLeases_BatchesCallsAndAppliesRenewedIds()
    {
        await using var kit = new WorkTestKit(new AgentTimings { MaxLeasesPerRenew = 2 });
        var runs = Enumerable.Range(1, 5).Select(i => kit.Tracker.Start(WorkTestKit.Item($"e{i}", leaseId: $"l{i}"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1))).ToList();
        var calls = new List<IReadOnlyList<string>>();
        var renewer = new LeaseRenewer(
            (ids, _) =>
            {
                calls.Add(ids);
                return Task.FromResult<IReadOnlyList<LeaseRenewal>>([.. ids.Select(id => new LeaseRenewal(id, id + "'", false, false))]);
            },
            kit.Tracker,
            kit.Gate,
            kit.Timings,
            TimeProvider.System,
            NullLogger.Instance);

        Assert.True(await renewer.RenewAsync(runs));

        Assert.Equal([2, 2, 1], calls.Select(c => c.Count));
        Assert.All(runs, r => Assert.EndsWith("'", r.LeaseId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RenewAsync_HostOmitsALease_ReportsFailureSoItIsRetried()
    {
        await using var kit = new WorkTestKit();
        var run = kit.Tracker.Start(WorkTestKit.Item("e1", leaseId: "l1"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        var renewer = new LeaseRenewer((_, _) => Task.FromResult<IReadOnlyList<LeaseRenewal>>([]), kit.Tracker, kit.Gate, kit.Timings, TimeProvider.System, NullLogger.Instance);

        Assert.False(await renewer.RenewAsync([run]));
        Assert.Equal("l1", run.LeaseId);
    }

    private static ExecutionRun Run(string id, int leaseSeconds, DateTimeOffset? renewedAt = null)
    {
        var run = new ExecutionRun(WorkTestKit.Item(id), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(leaseSeconds), T0);
        run.LastRenewedAt = renewedAt ?? T0;
        return run;
    }
}
