namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Wakes the callers waiting for an instance the moment this host's worker commits its end, so a waiting request
/// costs no storage polls for orchestrations that finish here (polling remains for those finishing on other hosts).
/// </summary>
internal sealed class CompletionSignals
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

    public sealed class Watch(CompletionSignals owner, string instanceId, TaskCompletionSource source) : IDisposable
    {
        public Task Signaled => source.Task;

        public void Dispose() => owner.Forget(instanceId, source);
    }
}
