namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Wakes the callers waiting for an instance the moment a worker in this process commits its end (through
/// <see cref="SignalingOrchestrationService"/>), so waiting costs no storage polls for orchestrations that finish here
/// (the host still polls for those finishing on other hosts).
/// </summary>
public sealed class CompletionSignals
{
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes when <see cref="Signal"/> is called for the instance; dispose the watch when done.</summary>
    public Watch Observe(string instanceId)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (!_waiters.TryGetValue(instanceId, out var list))
            {
                _waiters[instanceId] = list = [];
            }

            list.Add(source);
        }

        return new Watch(this, instanceId, source);
    }

    public void Signal(string instanceId)
    {
        List<TaskCompletionSource>? list;
        lock (_waiters)
        {
            if (!_waiters.Remove(instanceId, out list))
            {
                return;
            }
        }

        list.ForEach(source => source.TrySetResult());
    }

    private void Forget(string instanceId, TaskCompletionSource source)
    {
        lock (_waiters)
        {
            if (_waiters.TryGetValue(instanceId, out var list) && list.Remove(source) && list.Count == 0)
            {
                _waiters.Remove(instanceId);
            }
        }
    }

    /// <summary>Made by <see cref="Observe"/> only: disposing it unregisters its source.</summary>
    public sealed class Watch : IDisposable
    {
        private readonly CompletionSignals _owner;
        private readonly string _instanceId;
        private readonly TaskCompletionSource _source;

        internal Watch(CompletionSignals owner, string instanceId, TaskCompletionSource source) =>
            (_owner, _instanceId, _source) = (owner, instanceId, source);

        public Task Signaled => _source.Task;

        public void Dispose() => _owner.Forget(_instanceId, _source);
    }
}
