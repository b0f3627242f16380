using Faas.Serverless.Runner.Work;

namespace Faas.Serverless.Runner.Worker;

/// <summary>What the execution tracker needs from the workers: stopping one call, whatever it is blocked in.</summary>
internal interface IWorkerChannel
{
    Task TerminateAsync(RunKey call, CancellationToken cancellationToken = default);
}

/// <summary>What the workers report about calls: their messages, and calls lost with the worker that ran them.</summary>
internal interface ICallSink
{
    void OnWorkerMessage(WorkerMessage message);

    void OnCallLost(RunKey call, CallLoss loss);
}

/// <summary>Why a call ended without a result or error message: its worker process is gone.</summary>
/// <param name="KilledByAgent">The agent killed the worker (terminate, timeout, protocol violation), so it did not crash.</param>
/// <param name="ProtocolViolation">Why the agent killed it when the worker broke the protocol.</param>
internal sealed record CallLoss(WorkerExit Exit, bool KilledByAgent, string? ProtocolViolation);

/// <summary>Connects the tracker to the worker pool, which is built after it.</summary>
internal sealed class WorkerChannel : IWorkerChannel
{
    private IWorkerChannel? _pool;

    public void Attach(IWorkerChannel pool) => _pool = pool;

    public Task TerminateAsync(RunKey call, CancellationToken cancellationToken = default) =>
        _pool is { } pool ? pool.TerminateAsync(call, cancellationToken) : Task.CompletedTask;
}
