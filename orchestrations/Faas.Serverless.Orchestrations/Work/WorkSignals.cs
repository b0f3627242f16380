using System.Collections.Concurrent;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>
/// Wakes long-polling consumers in this process the moment work is enqueued here, so that queue polling
/// never sits on the latency path when producer and consumer share a host.
/// </summary>
public sealed class WorkSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    public void Signal(string key)
    {
        if (_signals.TryRemove(key, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>
    /// A task that completes at the next <see cref="Signal"/> for <paramref name="key"/>. Take it before
    /// looking at the queue, so that work arriving between the look and the wait is not missed.
    /// </summary>
    public Task Watch(string key) =>
        _signals.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
