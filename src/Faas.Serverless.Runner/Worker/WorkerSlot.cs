using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// One concurrency slot: one worker process at a time, initialised once, running one call at a time. The slot is
/// Down (no process), Starting (init sent), Idle or Busy (one call). When its process ends, the call it ran is reported
/// lost, then <c>onExited</c> decides whether it starts again. Messages of a process that is no longer the slot's are
/// ignored, so a late line of a killed worker never touches its successor's call.
/// </summary>
internal sealed partial class WorkerSlot(int index, WorkerSlotSettings settings, Action<WorkerSlot> onExited, ILogger logger) : IAsyncDisposable
{
    private readonly object _sync = new();
    private WorkerProcess? _process;
    private SlotState _state = SlotState.Down;
    private RunKey? _call;

    /// <summary>The agent ended the current process (kill or shutdown): its exit is not a crash.</summary>
    private bool _endRequested;
    private string? _violation;
    private TaskCompletionSource _callEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private enum SlotState
    {
        Down,
        Starting,
        Idle,
        Busy,
    }

    public int Index => index;

    public int? Pid
    {
        get
        {
            lock (_sync)
            {
                return _process?.Pid;
            }
        }
    }

    public bool IsIdle
    {
        get
        {
            lock (_sync)
            {
                return _state == SlotState.Idle;
            }
        }
    }

    /// <summary>The <c>ready</c> message of the current worker.</summary>
    public WorkerMessage? Ready { get; private set; }

    /// <summary>Takes the slot for one call when its worker is idle.</summary>
    public bool TryReserve(RunKey call)
    {
        lock (_sync)
        {
            if (_state != SlotState.Idle)
            {
                return false;
            }

            (_state, _call, _callEnded) = (SlotState.Busy, call, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return true;
        }
    }

    public bool Runs(RunKey call)
    {
        lock (_sync)
        {
            return _state == SlotState.Busy && _call == call;
        }
    }

    /// <summary>Sends the reserved call; false when its worker died before it could be sent (nothing ran).</summary>
    public async Task<bool> InvokeAsync(RunKey call, InvokeRequest request, CancellationToken cancellationToken = default)
    {
        var process = ProcessRunning(call);
        if (process is null)
        {
            return false;
        }

        try
        {
            await process.SendAsync(request, cancellationToken);
        }
        catch (WorkerUnavailableException)
        {
            // The process is exiting: its watcher reports the call lost.
            process.Kill();
        }

        return true;
    }

    /// <summary>Asks the worker to stop the call, and kills the worker when the call did not end within the grace.</summary>
    public async Task TerminateAsync(RunKey call)
    {
        Task ended;
        lock (_sync)
        {
            ended = _callEnded.Task;
        }

        if (ProcessRunning(call) is not { } process)
        {
            return;
        }

        try
        {
            await process.SendAsync(new TerminateRequest(call.ExecutionId));
        }
        catch (WorkerUnavailableException)
        {
            // Exiting anyway.
        }

        if (await Task.WhenAny(ended, Task.Delay(settings.KillGrace)) == ended)
        {
            return;
        }

        lock (_sync)
        {
            if (_process != process || _call != call)
            {
                return;
            }

            // Under the lock: no other call can be given to this worker between the check and the kill.
            _endRequested = true;
            LogKilling(logger, index, process.Pid, call.ExecutionId, call.Attempt, settings.KillGrace.TotalSeconds);
            process.Kill();
        }
    }

    private WorkerProcess? ProcessRunning(RunKey call)
    {
        lock (_sync)
        {
            return _state == SlotState.Busy && _call == call ? _process : null;
        }
    }

    private void KillFor(WorkerProcess process, string? violation)
    {
        lock (_sync)
        {
            if (_process == process)
            {
                _endRequested = true;
                _violation ??= violation;
            }

            process.Kill();
        }
    }

    private void OnCallEnded(WorkerProcess process, WorkerMessage message)
    {
        var freed = false;
        lock (_sync)
        {
            if (_process == process && _state == SlotState.Busy && _call is { } call && call.ExecutionId == message.Id && (message.Attempt ?? call.Attempt) == call.Attempt)
            {
                // A worker the agent is killing takes no next call: its slot frees when it is gone.
                if (!_endRequested)
                {
                    (_state, _call, freed) = (SlotState.Idle, null, true);
                }

                _callEnded.TrySetResult();
            }
        }

        settings.Sink.OnWorkerMessage(message);
        if (freed)
        {
            settings.Changed.Set();
        }
    }
}
