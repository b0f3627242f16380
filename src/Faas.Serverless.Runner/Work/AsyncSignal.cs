namespace Faas.Serverless.Runner.Work;

/// <summary>An auto-reset signal for one waiting loop: <see cref="Set"/> wakes the current or next <see cref="WaitAsync"/>.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref _tcs).TrySetResult();

    /// <summary>Waits for a signal or the timeout; returns true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var tcs = Volatile.Read(ref _tcs);
        var signalled = tcs.Task.IsCompleted;
        if (!signalled)
        {
            try
            {
                await tcs.Task.WaitAsync(timeout, cancellationToken);
                signalled = true;
            }
            catch (TimeoutException)
            {
                signalled = false;
            }
        }

        if (signalled)
        {
            Interlocked.CompareExchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), tcs);
        }

        return signalled;
    }
}
