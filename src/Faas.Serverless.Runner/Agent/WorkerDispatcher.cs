using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Agent;

/// <summary>Routes worker messages: <c>ready</c>/<c>initFailed</c> complete <see cref="Initialized"/>, the rest go to the tracker.</summary>
internal sealed class WorkerDispatcher(ExecutionTracker tracker) : IWorkerMessageHandler
{
    private readonly TaskCompletionSource<WorkerMessage> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<WorkerMessage> Initialized => _initialized.Task;

    public void OnMessage(WorkerMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Type is WorkerMessageTypes.Ready or WorkerMessageTypes.InitFailed)
        {
            _initialized.TrySetResult(message);
            return;
        }

        tracker.OnWorkerMessage(message);
    }
}
