namespace Faas.Serverless.Runner.Worker;

/// <summary>What the execution tracker needs from the worker: asking it to interrupt one call.</summary>
internal interface IWorkerChannel
{
    Task TerminateAsync(string executionId, CancellationToken cancellationToken = default);
}

/// <summary>Connects the tracker to the worker process once it is started.</summary>
internal sealed class WorkerChannel : IWorkerChannel
{
    private WorkerProcess? _worker;

    public void Attach(WorkerProcess worker) => _worker = worker;

    public Task TerminateAsync(string executionId, CancellationToken cancellationToken = default) =>
        _worker is { } worker ? worker.SendAsync(new TerminateRequest(executionId), cancellationToken) : Task.CompletedTask;
}
