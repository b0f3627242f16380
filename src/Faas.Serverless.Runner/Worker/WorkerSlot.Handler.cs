namespace Faas.Serverless.Runner.Worker;

internal sealed partial class WorkerSlot
{
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
