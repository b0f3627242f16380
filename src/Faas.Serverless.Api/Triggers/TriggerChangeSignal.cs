using Faas.Serverless.Domain.Triggers;

namespace Faas.Serverless.Api.Triggers;

/// <summary>Wakes this host's cron dispatcher when a trigger changes here; other hosts' changes are seen within a second.</summary>
internal sealed class TriggerChangeSignal : ITriggerChangeNotifier
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change; take it before reading the triggers so that no change slips through.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public void TriggersChanged() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
