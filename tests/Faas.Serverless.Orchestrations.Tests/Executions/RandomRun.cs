using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>
/// One random execution: plausible events with current, stale and unknown attempts, redeliveries, cancelled
/// timers and a clock that sometimes goes back, checking the invariants after every event.
/// </summary>
internal sealed class RandomRun(Random random)
{
    private readonly List<ExecutionEvent> _delivered = [];
    private readonly List<ScheduleTimer> _timers = [];
    private readonly Dictionary<int, int> _finalsPerCycle = [];
    private DateTimeOffset _now = Scenario.T0;
    private ExecutionState _state = null!;
    private int _entries;
    private string _lastStatus = "";
    private int _ids;

    public List<ExecutionStatus> Finals { get; } = [];

    public HashSet<string> Drops { get; } = [];

    public void Play(int events)
    {
        var policy = new ExecutionPolicy(
            random.Next(1, 5), random.Next(1, 100), random.Next(0, 4), random.Next(4, 20), random.Next(1, 30));
        Step(new ExecutionCreated("create", "exec", policy));
        for (var i = 0; i < events; i++)
        {
            _now = _now.AddSeconds(random.Next(10) == 0 ? -random.Next(5) : random.Next(0, 40));
            Step(Next(), checkDeterminism: i % 5 == 0);
        }

        JsonTests.AssertRoundTrips(_state, Json.Options);
    }

    private void Step(ExecutionEvent evt, bool checkDeterminism = false)
    {
        var before = _state;
        var decision = ExecutionOrchestrator.Apply(before, evt, _now);
        if (checkDeterminism)
        {
            Assert.Equal(Json.Serialize(decision), Json.Serialize(ExecutionOrchestrator.Apply(before, evt, _now)));
        }

        _delivered.Add(evt);
        if (decision.IsDropped)
        {
            Drops.Add(decision.Dropped!);
            Assert.Same(before, decision.State);
            Assert.Empty(decision.Entries);
            Assert.Empty(decision.Commands);
            return;
        }

        var after = decision.State;
        _timers.AddRange(decision.Commands.OfType<ScheduleTimer>());
        CheckTransition(before, after, evt, decision);
        CheckState(after);
        _state = after;
    }

    private void CheckTransition(ExecutionState? before, ExecutionState after, ExecutionEvent evt, Decision decision)
    {
        if (before is not null)
        {
            Assert.True(!before.IsFinal || evt is RerunRequested, "only a rerun is accepted after the final status");
            Assert.True(after.Attempt >= before.Attempt, "attempt numbers never decrease");
            Assert.True(after.Cycle >= before.Cycle);
            Assert.True(after.UpdatedAt >= before.UpdatedAt, "the clock never goes back");
        }

        _entries += decision.Entries.Count;
        Assert.Equal(_entries, after.HistoryCount);
        Assert.All(decision.Entries, e => Assert.Equal(after.UpdatedAt, e.Timestamp));
        if (decision.Entries.Count > 0)
        {
            _lastStatus = decision.Entries[^1].Status;
        }

        Assert.Equal(_lastStatus, after.Status.ToWireName());
        CheckFinalEntries(before, after, decision);

        foreach (var command in decision.Commands)
        {
            switch (command)
            {
                case DispatchAttempt dispatch:
                    Assert.Equal(after.Attempt, dispatch.Attempt);
                    break;
                case ScheduleTimer schedule:
                    Assert.Equal(after.Timer, new PendingTimer(schedule.Kind, schedule.Attempt, schedule.DueAt, schedule.Sequence));
                    break;
                case SignalTermination signal:
                    Assert.True(signal.Attempt <= after.Attempt);
                    break;
                default:
                    break;
            }
        }
    }

    private void CheckFinalEntries(ExecutionState? before, ExecutionState after, Decision decision)
    {
        var becameFinal = after.IsFinal && before?.IsFinal != true;
        var notified = decision.Commands.OfType<NotifyFinished>().ToList();
        Assert.Equal(becameFinal ? 1 : 0, notified.Count);
        for (var i = 0; i < decision.Entries.Count; i++)
        {
            if (!ExecutionStatuses.Parse(decision.Entries[i].Status).IsFinal())
            {
                continue;
            }

            var isLast = i == decision.Entries.Count - 1;
            Assert.True(
                isLast ? becameFinal : decision.Entries[i].Status == "failed" && decision.Entries[i + 1].Status == "created",
                "a final status is only written to end the cycle, or as a failed attempt followed by its retry");
        }

        if (becameFinal)
        {
            Assert.Equal(after.Status, notified[0].Status);
            Assert.Equal(after.Status.ToWireName(), decision.Entries[^1].Status);
            _finalsPerCycle[after.Cycle] = _finalsPerCycle.GetValueOrDefault(after.Cycle) + 1;
            Assert.Equal(1, _finalsPerCycle[after.Cycle]);
            Finals.Add(after.Status);
        }
    }

    private static void CheckState(ExecutionState state)
    {
        Assert.InRange(state.Attempts, 1, state.MaxAttempts);
        Assert.InRange(state.RecentEventIds.Count, 1, ExecutionOrchestrator.RememberedEventIds);
        Assert.True(state.Duration >= 0);
        Assert.True(state.Timer is null || state.Timer.Attempt == state.Attempt);
        Assert.True(state.Timer is null || state.Timer.Sequence == state.TimerSequence);
        var expectedTimer = state.Phase switch
        {
            ExecutionPhase.Running => state.ToTerminate ? TimerKind.TerminationGrace : null,
            ExecutionPhase.RetryPending => TimerKind.Retry,
            _ => (TimerKind?)null,
        };
        Assert.Equal(expectedTimer, state.Timer?.Kind);
        var expectedStatus = state.Phase switch
        {
            ExecutionPhase.Running => state.Status == ExecutionStatus.InProgress,
            ExecutionPhase.Finished => state.IsFinal,
            _ => state.Status == ExecutionStatus.Created,
        };
        Assert.True(expectedStatus, $"phase {state.Phase} with status {state.Status}");
        Assert.True(!state.ToTerminate || state.Phase is ExecutionPhase.Running or ExecutionPhase.Finished);
        Assert.Equal(state.IsFinal, state.FinishedAt is not null);
        if (state.Phase != ExecutionPhase.Finished)
        {
            Assert.Equal(state.Phase == ExecutionPhase.Running, state.StartedAt is not null);
        }
    }

    private ExecutionEvent Next()
    {
        if (_delivered.Count > 1 && random.Next(10) == 0)
        {
            return _delivered[random.Next(_delivered.Count)];
        }

        var id = $"e{++_ids}";
        var attempt = random.Next(10) < 8 ? _state.Attempt : random.Next(1, _state.Attempt + 2);
        return random.Next(100) switch
        {
            < 14 => new RunnerStarted(id, attempt),
            < 38 => new ProgressReported(id, attempt, Pick("inProgress", "in-progress", "completed", null), Percent(), Message()),
            < 46 => new AttemptSucceeded(id, attempt, random.Next(2) == 0 ? null : JsonSerializer.SerializeToElement(new { n = random.Next() })),
            < 60 => new AttemptFailed(id, attempt, new ErrorInfo("E", "boom", null), random.Next(3) == 0),
            < 65 => new AttemptReleased(id, attempt),
            < 67 => new AttemptAbandoned(id, attempt, new ErrorInfo("Poison", "poisoned", null)),
            < 82 => Timer(id),
            < 88 => new TerminateRequested(id, Pick("alice", null), Pick("stuck", null)),
            < 97 => new RerunRequested(id, Pick("bob", null)),
            _ => new ExecutionAborted(id, "service deleted"),
        };
    }

    private TimerElapsed Timer(string id)
    {
        if (_state.Timer is { } pending && random.Next(4) != 0)
        {
            return new TimerElapsed(id, pending.Kind, pending.Attempt, pending.DueAt, pending.Sequence);
        }

        return _timers.Count == 0
            ? new TimerElapsed(id, TimerKind.Retry, _state.Attempt, _now, 1)
            : _timers[random.Next(_timers.Count)].ToEvent();
    }

    private int? Percent() => random.Next(4) == 0 ? null : random.Next(-5, 106);

    private string? Message() => random.Next(3) == 0 ? $"m{random.Next(5)}" : null;

    private string? Pick(params string?[] values) => values[random.Next(values.Length)];
}
