using System.Text.Json;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Executions;

namespace Faas.Serverless.Orchestrations.Tests.Executions;

/// <summary>Drives one execution through the orchestrator with a hand-moved clock and fresh event ids.</summary>
public sealed class Scenario
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string _idPrefix;
    private int _nextId;

    /// <param name="policy">The execution's policy; <see cref="DefaultPolicy"/> if null.</param>
    /// <param name="idPrefix">Event ids are "{idPrefix}-1", "{idPrefix}-2", ...</param>
    public Scenario(ExecutionPolicy? policy = null, string idPrefix = "evt")
    {
        _idPrefix = idPrefix;
        Now = T0;
        var created = ExecutionOrchestrator.Apply(null, new ExecutionCreated(NewId(), "exec-1", policy ?? DefaultPolicy), Now);
        Assert.False(created.IsDropped);
        State = created.State;
        Last = created;
        History.AddRange(created.Entries);
    }

    /// <summary>3 attempts, 60 s timeout, backoff 2 s doubling up to 300 s, 60 s termination grace.</summary>
    public static ExecutionPolicy DefaultPolicy { get; } = new(maxAttempts: 3, timeoutSeconds: 60);

    public ExecutionState State { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public Decision Last { get; private set; }

    public List<StatusEntry> History { get; } = [];

    public int Attempt => State.Attempt;

    public string NewId() => $"{_idPrefix}-{++_nextId}";

    public Scenario Advance(double seconds)
    {
        Now = Now.AddSeconds(seconds);
        return this;
    }

    public Decision Apply(ExecutionEvent evt)
    {
        var decision = ExecutionOrchestrator.Apply(State, evt, Now);
        if (!decision.IsDropped)
        {
            State = decision.State;
            History.AddRange(decision.Entries);
        }

        Last = decision;
        return decision;
    }

    public Decision Accept(ExecutionEvent evt)
    {
        var decision = Apply(evt);
        Assert.Null(decision.Dropped);
        return decision;
    }

    public void AssertDropped(ExecutionEvent evt, string reason)
    {
        var before = State;
        var decision = Apply(evt);
        Assert.Equal(reason, decision.Dropped);
        Assert.Same(before, decision.State);
        Assert.Empty(decision.Entries);
        Assert.Empty(decision.Commands);
    }

    public RunnerStarted Started(int? attempt = null) => new(NewId(), attempt ?? Attempt);

    public ProgressReported Progress(int? percent, string? message = null, string? status = "inProgress", int? attempt = null) =>
        new(NewId(), attempt ?? Attempt, status, percent, message);

    public AttemptSucceeded Succeeded(JsonElement? output = null, int? attempt = null) => new(NewId(), attempt ?? Attempt, output);

    public AttemptFailed Failed(ErrorInfo? error = null, bool terminated = false, int? attempt = null) =>
        new(NewId(), attempt ?? Attempt, error ?? Boom, terminated);

    public AttemptReleased Released(int? attempt = null) => new(NewId(), attempt ?? Attempt);

    public AttemptAbandoned Abandoned(int? attempt = null) =>
        new(NewId(), attempt ?? Attempt, new ErrorInfo("PoisonedWorkItem", "delivered 5 times without a report", null));

    public TerminateRequested Terminate(string? by = "alice", string? reason = "stuck") => new(NewId(), by, reason);

    public RerunRequested Rerun(string? by = "bob") => new(NewId(), by);

    public ExecutionAborted Abort(string reason = "service deleted") => new(NewId(), reason);

    /// <summary>The event the engine delivers when the pending timer fires.</summary>
    public TimerElapsed PendingTimer()
    {
        var timer = Assert.IsType<PendingTimer>(State.Timer);
        return new ScheduleTimer(timer.Kind, timer.Attempt, timer.DueAt, timer.Sequence).ToEvent();
    }

    public static ErrorInfo Boom { get; } = new("ValueError", "boom", "Traceback (most recent call last): ...");

    public Scenario Start()
    {
        Accept(Started());
        return this;
    }

    /// <summary>Fails the current attempt and lets its retry fire: the next attempt is queued.</summary>
    public Scenario FailAndRetry()
    {
        Accept(Failed());
        Accept(PendingTimer());
        return this;
    }

    /// <summary>Runs attempts until the cycle ends failed.</summary>
    public Scenario FailAll()
    {
        while (!State.IsFinal)
        {
            Start();
            Accept(Failed());
            if (!State.IsFinal)
            {
                Accept(PendingTimer());
            }
        }

        return this;
    }

    public static Scenario InStatus(ExecutionStatus finalStatus)
    {
        var scenario = new Scenario();
        switch (finalStatus)
        {
            case ExecutionStatus.Success:
                scenario.Start().Accept(scenario.Succeeded());
                break;
            case ExecutionStatus.Failed:
                scenario.FailAll();
                break;
            case ExecutionStatus.Terminated:
                scenario.Accept(scenario.Terminate());
                break;
            case ExecutionStatus.Aborted:
                scenario.Accept(scenario.Abort());
                break;
            case ExecutionStatus.SystemFailure:
                scenario.Start().Accept(scenario.Abandoned());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(finalStatus), finalStatus, "Not a final status.");
        }

        Assert.Equal(finalStatus, scenario.State.Status);
        return scenario;
    }
}
