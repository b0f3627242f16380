using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Where replicas run: processes on this machine (<see cref="RunnerProvider.Local"/>), nowhere this host manages
/// (<see cref="RunnerProvider.External"/>), or Container Apps jobs. The <see cref="RunnerSupervisor"/> calls it
/// every reconcile round, never two calls at once.
/// </summary>
public interface IRunnerProvider
{
    /// <summary>Once, before the first round; a failure stops the host (settings it cannot honour).</summary>
    Task StartAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes what runs match every service: replicas for an active one, none for a paused one, and for one being
    /// deleted, stops everything it has.
    /// </summary>
    /// <returns>The services being deleted of which nothing runs any more: their work and records can go.</returns>
    Task<IReadOnlyList<Service>> ReconcileAsync(IReadOnlyList<Service> services, CancellationToken cancellationToken = default);

    /// <summary>The host is stopping: what must not outlive it stops (and drains while it still can report).</summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}
