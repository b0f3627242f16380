namespace Faas.Serverless.Supervisor;

/// <summary>Cuts the supervisor's wait for its next round short: a service changed, or a replica exited.</summary>
internal sealed class RunnerWakeup : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A wake-up is already pending; one reconcile covers every change.
        }
    }

    /// <summary>Waits for a wake-up or until <paramref name="timeout"/> has passed, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
