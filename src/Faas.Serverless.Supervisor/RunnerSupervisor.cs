using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Supervisor.Isolation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Reconciles what runs with what services ask for: replicas per active service (restarted with backoff when
/// they crash), drained on pause, replaced on a new version, scaled on queue length, and removed on delete.
/// With the External provider replicas run elsewhere and only deletions are carried out here.
/// </summary>
internal sealed partial class RunnerSupervisor(
    IServiceStore services,
    IReplicaStore replicas,
    IPackageStore packages,
    IExecutionStore executions,
    ExecutionEngine engine,
    ServiceWorkQueues queues,
    IServiceProvider provider,
    HostAddress hostAddress,
    IHostApplicationLifetime lifetime,
    IOptions<RunnerOptions> options,
    TimeProvider clock,
    ILogger<RunnerSupervisor> logger) : BackgroundService, IServiceChangeNotifier
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);
    private readonly RunnerOptions _options = options.Value;
    private readonly Dictionary<string, ServiceReplicas> _state = [];
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Reconciling and stopping for shutdown both touch the slots; never at the same time.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _shuttingDown;
    private RunnerTokenRecovery? _recovery;
    private bool _recovered;

    /// <summary>Resolved on first use: only the Local provider launches (and detects how to isolate) anything.</summary>
    private ReplicaLauncher Launcher => provider.GetRequiredService<ReplicaLauncher>();

    public void ServiceChanged(string serviceId) => Wake();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await StopEverythingAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hostUrl = string.Empty;
        if (_options.Provider == RunnerProvider.Local)
        {
            // Resolving the isolation detects it (and fails start-up when the settings cannot be honoured).
            var isolation = provider.GetRequiredService<ReplicaIsolation>();
            var level = isolation.Level.ToWireName();
            LogIsolation(logger, level, isolation.Reason ?? "the strongest level");
            if (isolation.Level == IsolationLevel.None)
            {
                LogNoIsolation(logger, isolation.Reason ?? string.Empty);
            }

            hostUrl = await hostAddress.GetAsync(stoppingToken);
            _recovery = provider.GetRequiredService<RunnerTokenRecovery>();
        }

        // The web server stops before hosted services do; runners must drain while they can still report to it.
        using var onStopping = lifetime.ApplicationStopping.Register(() => StopEverythingAsync(CancellationToken.None).GetAwaiter().GetResult());
        while (!stoppingToken.IsCancellationRequested)
        {
            await _gate.WaitAsync(stoppingToken);
            try
            {
                await ReconcileAsync(hostUrl, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReconcileFailed(logger, ex);
            }
            finally
            {
                _gate.Release();
            }

            try
            {
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(_options.ReconcileIntervalMs), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StopEverythingAsync(CancellationToken cancellationToken)
    {
        _shuttingDown = true;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var running = _state.Values.SelectMany(s => s.Slots.Values).Where(slot => slot.Process is not null).Select(slot => StopAndReleaseAsync(slot, cancellationToken));
            await Task.WhenAll(running.Concat(_state.Values.SelectMany(s => s.Stopping)));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A runner's key must not outlive it, including when the host shuts down.</summary>
    private async Task StopAndReleaseAsync(ReplicaSlot slot, CancellationToken cancellationToken)
    {
        var process = slot.Process!;
        await process.StopAsync(ShutdownGrace, cancellationToken);
        await Launcher.ReleaseAsync(process, cancellationToken);
        slot.Process = null;
        process.Dispose();
    }

    private async Task ReconcileAsync(string hostUrl, CancellationToken cancellationToken)
    {
        if (_shuttingDown)
        {
            return;
        }

        if (_recovery is not null)
        {
            // Before any replica starts: recovery revokes every runner key it cannot tie to a live process.
            if (!_recovered)
            {
                await _recovery.RecoverAsync(cancellationToken);
                _recovered = true;
            }

            await _recovery.ReapAsync(cancellationToken);
        }

        var all = await services.ListAllAsync(cancellationToken);
        foreach (var service in all)
        {
            var state = _state.TryGetValue(service.Id, out var known) ? known : _state[service.Id] = new ServiceReplicas();
            await CollectExitsAsync(service, state, cancellationToken);
            if (service.Deleting)
            {
                StopAll(service, state);
                if (!state.HasProcesses)
                {
                    await FinalizeDeletionAsync(service, cancellationToken);
                    _state.Remove(service.Id);
                }

                continue;
            }

            if (_options.Provider == RunnerProvider.Local)
            {
                await ReconcileReplicasAsync(service, state, hostUrl, cancellationToken);
            }
        }

        foreach (var gone in _state.Keys.Except(all.Select(s => s.Id)).ToList())
        {
            foreach (var slot in _state[gone].Slots.Values.Where(slot => slot.Process is not null))
            {
                slot.Process!.Dispose();
            }

            _state.Remove(gone);
        }
    }

    private async Task ReconcileReplicasAsync(Service service, ServiceReplicas state, string hostUrl, CancellationToken cancellationToken)
    {
        var runtime = service.Spec.Runtime;
        string? note = runtime.RunnerImage is { } image
            ? $"runnerImage '{image}' is recorded for the cloud provider; the local provider runs the built-in Python runtime."
            : null;
        if (!service.Active)
        {
            StopAll(service, state);
            await PublishAsync(service, state, 0, failed: false, "Paused: replicas are drained and stopped.", null, null, cancellationToken);
            return;
        }

        if (runtime.Gpu)
        {
            StopAll(service, state);
            var error = new ErrorInfo("NoGpuAvailable", "The service asks for a GPU, and the local runner provider has none: it runs replicas as processes on this machine.", null);
            await PublishAsync(service, state, runtime.Replicas, failed: true, note, error, null, cancellationToken);
            return;
        }

        var desired = await DesiredReplicasAsync(service, state, cancellationToken);
        foreach (var stale in state.Slots.Values.Where(slot => slot.Key.Version != service.Version || slot.Key.Index >= desired).ToList())
        {
            Stop(service, state, stale);
        }

        if (state.Failure is { } failure && failure.Version == service.Version)
        {
            await PublishAsync(service, state, desired, failed: true, failure.Note, failure.Error, failure.ReplicaId, cancellationToken);
            return;
        }

        state.Failure = null;
        var now = clock.GetUtcNow();
        for (var index = 0; index < desired; index++)
        {
            var key = new ReplicaKey(service.ProjectId, service.Id, service.Version, index);
            var slot = state.Slots.TryGetValue(index, out var existing) && existing.Key == key ? existing : state.Slots[index] = new ReplicaSlot(key);
            if (slot.Process is null && slot.NotBefore <= now)
            {
                await replicas.SetReplicaAsync(service.Id, new ReplicaStatus(key.ReplicaId, ReplicaState.Starting, service.Version, null, null, "starting", null, now), cancellationToken);
                slot.Process = await Launcher.StartAsync(service, key, hostUrl, cancellationToken);
                _ = slot.Process.Exited.ContinueWith(_ => Wake(), TaskScheduler.Default);
            }
        }

        await PublishAsync(service, state, desired, failed: false, note, null, null, cancellationToken);
    }
}
