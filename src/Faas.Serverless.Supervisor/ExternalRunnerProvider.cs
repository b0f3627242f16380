using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Supervisor;

/// <summary>Replicas run somewhere this host does not manage: nothing to start or stop, and a deletion completes at once.</summary>
internal sealed class ExternalRunnerProvider : IRunnerProvider
{
    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<Service>> ReconcileAsync(IReadOnlyList<Service> services, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Service>>([.. services.Where(service => service.Deleting)]);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
