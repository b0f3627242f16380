using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>The agent against the fake host and the tests' stand-in Python worker.</summary>
public sealed class StandInWorkerAgentTests(ITestOutputHelper output)
{
    private const WorkerKind Kind = WorkerKind.StandIn;

    [Fact]
    public Task RunAsync_LeasedItem_ReportsStartedLogsAndSucceededWithOutput() => AgentScenarios.HappyPathAsync(output, Kind);

    [Fact]
    public Task RunAsync_ProgressThenPrint_ForwardsEventsInOrder() => AgentScenarios.ProgressAndLogsAsync(output, Kind);

    [Fact]
    public Task RunAsync_InitRaises_ReportsErrorAndExitsThree() => AgentScenarios.InitFailureAsync(output, Kind);

    [Fact]
    public Task RunAsync_MoreWorkThanSlots_NeverHoldsMoreThanConcurrency() => AgentScenarios.ConcurrencyLimitAsync(output, Kind);

    [Fact]
    public Task RunAsync_RenewAnswersTerminate_ReportsFailedTerminated() => AgentScenarios.TerminateOnRenewAsync(output, Kind);

    [Fact]
    public Task RunAsync_RenewAnswersLost_SendsNothingMoreAndFreesSlot() => AgentScenarios.LostLeaseAsync(output, Kind);

    [Fact]
    public Task RunAsync_CallExceedsTimeout_ReportsTimeoutErrorAndFreesSlot() => AgentScenarios.TimeoutAsync(output, Kind);

    [Fact]
    public Task RunAsync_StopWhileBusy_DrainsReleasesRestAndExitsZero() => AgentScenarios.DrainOnStopAsync(output, Kind);

    [Fact]
    public Task RunAsync_WorkerDies_FailsCallAsWorkerCrashedWithinTwoSecondsAndStartsItAgain() => AgentScenarios.WorkerCrashAsync(output, Kind);

    [Fact]
    public Task RunAsync_TimeoutOfCallBlockedInC_KillsWorkerAndRetryRuns() => AgentScenarios.TimeoutBlockedInCAsync(output, Kind);

    [Fact]
    public Task RunAsync_TimeoutOfCallWithADetachedChild_KillsTheChildToo() => AgentScenarios.TimeoutKillsWhatTheCallStartedAsync(output, Kind);

    [Fact]
    public Task RunAsync_TerminateOfCallBlockedInC_KillsWorkerAndReportsTerminated() => AgentScenarios.TerminateBlockedInCAsync(output, Kind);

    [Fact]
    public Task RunAsync_WorkerFailsInitWhenStartedAgain_ReportsErrorAndExitsThree() => AgentScenarios.RespawnInitFailsAsync(output, Kind);
}
