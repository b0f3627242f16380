namespace Faas.Serverless.Runner.Agent;

/// <summary>
/// Ends once the replica has had nothing to do for a given time: no call running and nothing left to report. A
/// Container Apps job execution uses it to exit (KEDA starts new executions while the service's queue holds work),
/// so an event-driven job costs nothing when idle.
/// </summary>
internal static class IdleWatch
{
    public static async Task WaitAsync(Func<bool> isIdle, TimeSpan idleFor, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isIdle);
        ArgumentNullException.ThrowIfNull(clock);
        var poll = TimeSpan.FromTicks(Math.Clamp(idleFor.Ticks / 4, TimeSpan.FromMilliseconds(50).Ticks, TimeSpan.FromSeconds(1).Ticks));
        var idleSince = (DateTimeOffset?)null;
        while (true)
        {
            var now = clock.GetUtcNow();
            idleSince = isIdle() ? idleSince ?? now : null;
            if (idleSince is { } since && now - since >= idleFor)
            {
                return;
            }

            await Task.Delay(poll, clock, cancellationToken);
        }
    }
}
