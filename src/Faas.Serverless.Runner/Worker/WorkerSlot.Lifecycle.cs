using System.ComponentModel;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

/// <summary>A slot's worker process from start to exit: init, the exit watch, shutdown and disposal.</summary>
internal sealed partial class WorkerSlot
{
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
}
