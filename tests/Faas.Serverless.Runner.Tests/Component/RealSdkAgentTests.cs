using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>The same scenarios with the repository's Python SDK (sdk/python); skipped while it is absent.</summary>
public sealed class RealSdkAgentTests(ITestOutputHelper output)
{
    private const WorkerKind Kind = WorkerKind.RealSdk;

    [RealSdkFact]
    public Task RunAsync_LeasedItem_ReportsStartedLogsAndSucceededWithOutput() => AgentScenarios.HappyPathAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_ProgressThenPrint_ForwardsEventsInOrder() => AgentScenarios.ProgressAndLogsAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_InitRaises_ReportsErrorAndExitsThree() => AgentScenarios.InitFailureAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_MoreWorkThanSlots_NeverHoldsMoreThanConcurrency() => AgentScenarios.ConcurrencyLimitAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_RenewAnswersTerminate_ReportsFailedTerminated() => AgentScenarios.TerminateOnRenewAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_RenewAnswersLost_SendsNothingMoreAndFreesSlot() => AgentScenarios.LostLeaseAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_CallExceedsTimeout_ReportsTimeoutErrorAndFreesSlot() => AgentScenarios.TimeoutAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_StopWhileBusy_DrainsReleasesRestAndExitsZero() => AgentScenarios.DrainOnStopAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_WorkerDies_FailsCallAsWorkerCrashedWithinTwoSecondsAndStartsItAgain() => AgentScenarios.WorkerCrashAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_TimeoutOfCallBlockedInC_KillsWorkerAndRetryRuns() => AgentScenarios.TimeoutBlockedInCAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_TimeoutOfCallWithADetachedChild_KillsTheChildToo() => AgentScenarios.TimeoutKillsWhatTheCallStartedAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_TerminateOfCallBlockedInC_KillsWorkerAndReportsTerminated() => AgentScenarios.TerminateBlockedInCAsync(output, Kind);

    [RealSdkFact]
    public Task RunAsync_WorkerFailsInitWhenStartedAgain_ReportsErrorAndExitsThree() => AgentScenarios.RespawnInitFailsAsync(output, Kind);
}
