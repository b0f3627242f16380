using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>
/// Feeds seeded random event sequences (current, stale and unknown attempts, redeliveries, cancelled timers,
/// clocks going back) and checks the invariants after every event.
/// </summary>
public sealed class RandomSequenceTests
{
    private const int Runs = 3000;
    private const int EventsPerRun = 40;

    [Fact]
    public void Apply_RandomSequences_KeepInvariants()
    {
        var finals = new HashSet<ExecutionStatus>();
        var drops = new HashSet<string>();
        for (var seed = 0; seed < Runs; seed++)
        {
            var run = new RandomRun(new Random(seed));
            run.Play(EventsPerRun);
            finals.UnionWith(run.Finals);
            drops.UnionWith(run.Drops);
        }

        // The generator must reach every ending and every drop rule, or the invariants were checked on too little.
        Assert.Equal(
            [ExecutionStatus.Success, ExecutionStatus.Failed, ExecutionStatus.Terminated, ExecutionStatus.Aborted, ExecutionStatus.SystemFailure],
            finals.Order());
        Assert.Equal(
            [
                DropReasons.AlreadyFinal, DropReasons.AlreadyStarted, DropReasons.AlreadyTerminating, DropReasons.AttemptEnded,
                DropReasons.DuplicateEvent, DropReasons.NoChange, DropReasons.NotFinal, DropReasons.StaleAttempt,
                DropReasons.StaleTimer, DropReasons.UnknownAttempt,
            ],
            drops.Order(StringComparer.Ordinal));
    }
}
