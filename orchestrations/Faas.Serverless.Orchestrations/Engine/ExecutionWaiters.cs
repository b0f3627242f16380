using System.Collections.Concurrent;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Wakes requests waiting on an execution (synchronous execute, long polls, a terminate or rerun waiting for its
/// effect) each time this host commits a change to it. Waiters also read storage, so another host's commits are seen too.
/// </summary>
public sealed class ExecutionWaiters
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public void Notify(string executionId)
    {
        if (_waiters.TryRemove(executionId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    /// <summary>A task that completes at the next <see cref="Notify"/> for the execution; take it before reading its state.</summary>
    public Task Watch(string executionId) =>
        _waiters.GetOrAdd(executionId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
