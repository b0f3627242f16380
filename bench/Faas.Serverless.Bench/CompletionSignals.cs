using System.Collections.Concurrent;
using DurableTask.Core;

namespace Faas.Serverless.Bench;

/// <summary>One orchestration's end as its worker committed it: status, the state's created/completed times, and when the bench saw it.</summary>
internal sealed record OrchestrationCompletion(string InstanceId, OrchestrationStatus Status, DateTime CreatedTime, DateTime CompletedTime, DateTimeOffset ObservedAt)
{
    /// <summary>Created (stamped by the client that scheduled it) -> completed (stamped by the worker), the bare run's "server" time.</summary>
    public double ServerMs => (CompletedTime - CreatedTime).TotalMilliseconds;

    public bool Succeeded => Status == OrchestrationStatus.Completed;
}

/// <summary>
/// Completions keyed by instance id, fed by the worker right after it commits an orchestration's final state, so the
/// bench waits for the commit itself instead of <c>TaskHubClient.WaitForOrchestrationAsync</c>, which polls every 2 s.
/// </summary>
internal sealed class CompletionSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<OrchestrationCompletion>> _waiting = new(StringComparer.Ordinal);

    /// <summary>Registered before the orchestration is scheduled, so a completion can never arrive unseen.</summary>
    public Task<OrchestrationCompletion> Expect(string instanceId)
    {
        var source = new TaskCompletionSource<OrchestrationCompletion>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd(instanceId, source))
        {
            throw new InvalidOperationException($"Orchestration '{instanceId}' is awaited already.");
        }

        return source.Task;
    }

    /// <summary>Ignores states that are not final and instances nobody awaits.</summary>
    public void Complete(OrchestrationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled
            && _waiting.TryRemove(state.OrchestrationInstance.InstanceId, out var source))
        {
            source.TrySetResult(new OrchestrationCompletion(state.OrchestrationInstance.InstanceId, state.OrchestrationStatus, state.CreatedTime, state.CompletedTime, DateTimeOffset.UtcNow));
        }
    }
}
