using System.Collections.Concurrent;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Wakes requests waiting for an execution to finish (synchronous execute, long polls) the moment this host
/// commits its final status. Waiters also poll, so a completion committed by another host is seen too.
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
