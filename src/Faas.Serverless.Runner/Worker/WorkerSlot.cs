using System.ComponentModel;
using Faas.Serverless.Runner.Api;
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

    /// <summary>Starts and initialises a worker; null when it is ready, else why not (the process is gone by then).</summary>
    public async Task<ErrorInfo?> StartAsync(CancellationToken cancellationToken = default)
    {
        var handler = new Handler(this, settings.Sink);
        WorkerProcess process;
        try
        {
            process = WorkerProcess.Start(settings.StartInfo, settings.Environment(index), handler, settings.ProcessLogger);
        }
        catch (Win32Exception ex)
        {
            return new ErrorInfo("WorkerStartFailed", $"'{settings.StartInfo.Python}': {ex.Message}", null);
        }

        handler.Process = process;
        lock (_sync)
        {
            (_process, _state, _call, _endRequested, _violation) = (process, SlotState.Starting, null, false, null);
        }

        try
        {
            await process.SendAsync(settings.Init, cancellationToken);
        }
        catch (WorkerUnavailableException)
        {
            // It exited already; the wait below says why.
        }

        var stopped = Task.Delay(Timeout.Infinite, cancellationToken);
        await Task.WhenAny(handler.Initialized, process.Exited, stopped);

        // The reader loop dispatches every line before Exited completes, so a worker that wrote initFailed (or ready)
        // and exited is seen as such, not as a silent exit.
        if (handler.Initialized.IsCompletedSuccessfully && handler.Initialized.Result is { Type: WorkerMessageTypes.Ready } ready)
        {
            Ready = ready;
            lock (_sync)
            {
                _state = SlotState.Idle;
            }

            _ = WatchAsync(process);
            settings.Changed.Set();
            return null;
        }

        lock (_sync)
        {
            (_process, _state) = (null, SlotState.Down);
        }

        if (handler.Initialized.IsCompletedSuccessfully)
        {
            await StopQuietlyAsync(process);
            return handler.Initialized.Result.Error ?? new ErrorInfo("InitFailed", "The worker reported initFailed without details.", null);
        }

        if (process.Exited.IsCompleted)
        {
            var exit = await process.Exited;
            await process.DisposeAsync();
            return new ErrorInfo("WorkerExited", $"The worker {exit.Describe()} before it was ready.", exit.StderrTail.Length > 0 ? exit.StderrTail : null);
        }

        await process.DisposeAsync();
        throw new OperationCanceledException(cancellationToken);
    }

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

    /// <summary>Asks the worker to exit (it calls on_shutdown) and kills it when it does not in time.</summary>
    public async Task StopAsync(int drainSeconds)
    {
        WorkerProcess? process;
        lock (_sync)
        {
            process = _process;
        }

        if (process is null)
        {
            return;
        }

        lock (_sync)
        {
            _endRequested = true;
        }

        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await process.SendAsync(new ShutdownRequest(drainSeconds), cts.Token);
            await process.Exited.WaitAsync(TimeSpan.FromSeconds(drainSeconds + 5));
        }
        catch (Exception ex) when (ex is WorkerUnavailableException or TimeoutException or OperationCanceledException)
        {
            LogShutdownKill(logger, index, process.Pid, ex.Message);
            KillFor(process, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        WorkerProcess? process;
        lock (_sync)
        {
            process = _process;
        }

        if (process is not null)
        {
            KillFor(process, null);
            await process.Exited.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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

    private async Task WatchAsync(WorkerProcess process)
    {
        var exit = await process.Exited;
        RunKey? lost;
        bool killed;
        string? violation;
        lock (_sync)
        {
            if (_process != process)
            {
                return;
            }

            lost = _state == SlotState.Busy ? _call : null;
            (killed, violation) = (_endRequested, _violation);
            (_process, _state, _call) = (null, SlotState.Down, null);
            _callEnded.TrySetResult();
        }

        if (!killed)
        {
            LogCrashed(logger, index, process.Pid, exit.Describe(), lost?.ExecutionId ?? "no call");
        }

        if (lost is { } call)
        {
            settings.Sink.OnCallLost(call, new CallLoss(exit, killed, violation));
        }

        await process.DisposeAsync();
        onExited(this);
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

    private static async Task StopQuietlyAsync(WorkerProcess process)
    {
        try
        {
            await process.Exited.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            process.Kill();
        }

        await process.DisposeAsync();
    }

    /// <summary>Routes the messages of one process of the slot.</summary>
    private sealed class Handler(WorkerSlot slot, ICallSink sink) : IWorkerMessageHandler
    {
        private readonly TaskCompletionSource<WorkerMessage> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WorkerProcess? Process { get; set; }

        public Task<WorkerMessage> Initialized => _initialized.Task;

        public void OnMessage(WorkerMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            switch (message.Type)
            {
                case WorkerMessageTypes.Ready or WorkerMessageTypes.InitFailed:
                    _initialized.TrySetResult(message);
                    break;
                case WorkerMessageTypes.Result or WorkerMessageTypes.Error when Process is { } process:
                    slot.OnCallEnded(process, message);
                    break;
                default:
                    sink.OnWorkerMessage(message);
                    break;
            }
        }

        public void OnProtocolViolation(string reason)
        {
            if (Process is { } process)
            {
                slot.KillFor(process, reason);
            }
        }
    }
}
