using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Runner.Worker;

/// <summary>
/// One worker process per concurrency slot, each running one call at a time, so that any call can be stopped by killing
/// its worker. A worker that exits (killed on timeout or terminate, crashed, killed by the OOM killer) is started and
/// initialised again; its slot takes no call until it is ready. When a slot's worker fails to start again
/// <see cref="MaxRespawnFailures"/> times in a row, <see cref="Failed"/> completes with the last init error.
/// </summary>
internal sealed partial class WorkerPool : IWorkerChannel, IAsyncDisposable
{
    public const int MaxRespawnFailures = 3;

    private readonly WorkerSlot[] _slots;
    private readonly TimeSpan _respawnBackoff;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<ErrorInfo> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _respawning = true;

    public WorkerPool(int size, WorkerSlotSettings settings, TimeSpan respawnBackoff, ILoggerFactory loggerFactory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _respawnBackoff = respawnBackoff;
        _logger = loggerFactory.CreateLogger<WorkerPool>();
        var slotLogger = loggerFactory.CreateLogger<WorkerSlot>();
        _slots = [.. Enumerable.Range(0, size).Select(i => new WorkerSlot(i, settings, OnSlotExited, slotLogger))];
    }

    /// <summary>Completes when workers keep failing to start again: the replica cannot run calls any more.</summary>
    public Task<ErrorInfo> Failed => _failed.Task;

    public int IdleCount => _slots.Count(s => s.IsIdle);

    /// <summary>The first slot's worker: its pid and <c>ready</c> message describe the replica.</summary>
    public WorkerSlot First => _slots[0];

    /// <summary>Starts every worker; null once all are ready, else the first init error (fails fast).</summary>
    /// <exception cref="OperationCanceledException">Stopped before every worker was ready.</exception>
    public async Task<ErrorInfo?> StartAsync(CancellationToken cancellationToken = default)
    {
        var pending = _slots.Select(s => s.StartAsync(cancellationToken)).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (await done is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Takes an idle worker for <paramref name="call"/>; false when none is idle.</summary>
    public bool TryReserve(RunKey call) => _slots.Any(s => s.TryReserve(call));

    /// <summary>Sends a reserved call to its worker; false when that worker died before (the call never ran).</summary>
    public Task<bool> InvokeAsync(RunKey call, InvokeRequest request, CancellationToken cancellationToken = default) =>
        _slots.FirstOrDefault(s => s.Runs(call)) is { } slot ? slot.InvokeAsync(call, request, cancellationToken) : Task.FromResult(false);

    public Task TerminateAsync(RunKey call, CancellationToken cancellationToken = default) =>
        _slots.FirstOrDefault(s => s.Runs(call)) is { } slot ? slot.TerminateAsync(call) : Task.CompletedTask;

    /// <summary>From now on a worker that exits stays down (draining or stopping).</summary>
    public void StopRespawning()
    {
        _respawning = false;
        _lifetime.Cancel();
    }

    /// <summary>Sends every worker <c>shutdown</c> and waits for them, killing those that do not exit in time.</summary>
    public async Task StopAsync(int drainSeconds)
    {
        StopRespawning();
        await Task.WhenAll(_slots.Select(s => s.StopAsync(drainSeconds)));
    }

    public async ValueTask DisposeAsync()
    {
        StopRespawning();
        foreach (var slot in _slots)
        {
            await slot.DisposeAsync();
        }

        _lifetime.Dispose();
    }

    private void OnSlotExited(WorkerSlot slot)
    {
        if (_respawning)
        {
            _ = RespawnAsync(slot);
        }
    }

    private async Task RespawnAsync(WorkerSlot slot)
    {
        for (var failures = 0; _respawning;)
        {
            ErrorInfo? error;
            try
            {
                error = await slot.StartAsync(_lifetime.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            if (error is null)
            {
                LogRespawned(_logger, slot.Index, slot.Pid ?? 0);
                return;
            }

            failures++;
            LogRespawnFailed(_logger, slot.Index, failures, MaxRespawnFailures, error.Type, error.Message);
            if (failures >= MaxRespawnFailures)
            {
                _failed.TrySetResult(error);
                return;
            }

            try
            {
                await Task.Delay(_respawnBackoff * (1 << (failures - 1)), _lifetime.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Slot {Slot}: worker {Pid} started again and is ready")]
    private static partial void LogRespawned(ILogger logger, int slot, int pid);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "Slot {Slot}: starting the worker again failed ({Failures} of {MaxFailures}): {ErrorType}: {ErrorMessage}")]
    private static partial void LogRespawnFailed(ILogger logger, int slot, int failures, int maxFailures, string errorType, string errorMessage);
}
