using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Supervisor.Isolation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Replicas as runner processes on this machine: per active service (restarted with backoff when they crash),
/// drained on pause, replaced on a new version, scaled on queue length, and stopped on delete.
/// </summary>
internal sealed partial class LocalRunnerProvider(
    IReplicaStore replicas,
    ServiceWorkQueues queues,
    IServiceProvider provider,
    HostAddress hostAddress,
    RunnerWakeup wakeup,
    IOptions<RunnerOptions> options,
    TimeProvider clock,
    ILogger<LocalRunnerProvider> logger) : IRunnerProvider
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);
    private readonly RunnerOptions _options = options.Value;
    private readonly Dictionary<string, ServiceReplicas> _state = [];
    private string _hostUrl = string.Empty;
    private RunnerTokenRecovery? _recovery;
    private bool _recovered;

    /// <summary>Resolved on first use: resolving it detects how to isolate replicas.</summary>
    private ReplicaLauncher Launcher => provider.GetRequiredService<ReplicaLauncher>();

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // Resolving the isolation detects it (and fails start-up when the settings cannot be honoured).
        var isolation = provider.GetRequiredService<ReplicaIsolation>();
        var level = isolation.Level.ToWireName();
        LogIsolation(logger, level, isolation.Reason ?? "the strongest level");
        if (isolation.Level == IsolationLevel.None)
        {
            LogNoIsolation(logger, isolation.Reason ?? string.Empty);
        }

        _hostUrl = await hostAddress.GetAsync(cancellationToken);
        _recovery = provider.GetRequiredService<RunnerTokenRecovery>();
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var running = _state.Values.SelectMany(s => s.Slots.Values).Where(slot => slot.Process is not null).Select(slot => StopAndReleaseAsync(slot, cancellationToken));
        await Task.WhenAll(running.Concat(_state.Values.SelectMany(s => s.Stopping)));
    }

    public async Task<IReadOnlyList<Service>> ReconcileAsync(IReadOnlyList<Service> services, CancellationToken cancellationToken = default)
    {
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

        var removed = new List<Service>();
        foreach (var service in services)
        {
            var state = _state.TryGetValue(service.Id, out var known) ? known : _state[service.Id] = new ServiceReplicas();
            await CollectExitsAsync(service, state, cancellationToken);
            if (service.Deleting)
            {
                StopAll(service, state);
                if (!state.HasProcesses)
                {
                    removed.Add(service);
                    _state.Remove(service.Id);
                }

                continue;
            }

            await ReconcileReplicasAsync(service, state, cancellationToken);
        }

        foreach (var gone in _state.Keys.Except(services.Select(s => s.Id)).ToList())
        {
            foreach (var slot in _state[gone].Slots.Values.Where(slot => slot.Process is not null))
            {
                slot.Process!.Dispose();
            }

            _state.Remove(gone);
        }

        return removed;
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

    private async Task ReconcileReplicasAsync(Service service, ServiceReplicas state, CancellationToken cancellationToken)
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
                slot.Process = await Launcher.StartAsync(service, key, _hostUrl, cancellationToken);
                _ = slot.Process.Exited.ContinueWith(_ => wakeup.Wake(), TaskScheduler.Default);
            }
        }

        await PublishAsync(service, state, desired, failed: false, note, null, null, cancellationToken);
    }

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Replicas run with isolation {Isolation}: {Reason}")]
    private static partial void LogIsolation(ILogger logger, string isolation, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "REPLICAS ARE NOT ISOLATED: {Reason}. User code runs as the host's user and can read the host's files, keys and other projects' code; see docs/security.md")]
    private static partial void LogNoIsolation(ILogger logger, string reason);
}
