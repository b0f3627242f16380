using Faas.Serverless.Domain.Services;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Supervisor;

/// <summary>
/// Reconciles what runs with what services ask for, through the configured <see cref="IRunnerProvider"/>: a round
/// every <see cref="RunnerOptions.ReconcileIntervalMs"/> and whenever a service changes. A deleted service whose
/// replicas the provider has removed loses its unfinished executions (aborted), its work queue and its records.
/// </summary>
internal sealed partial class RunnerSupervisor(
    IServiceStore services,
    IRunnerProvider runners,
    RunnerWakeup wakeup,
    ServiceDeletion deletion,
    IHostApplicationLifetime lifetime,
    IOptions<RunnerOptions> options,
    ILogger<RunnerSupervisor> logger) : BackgroundService, IServiceChangeNotifier
{
    private readonly RunnerOptions _options = options.Value;

    /// <summary>Reconciling and stopping for shutdown both touch what runs; never at the same time.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _shuttingDown;

    public void ServiceChanged(string serviceId) => wakeup.Wake();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await StopEverythingAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runners.StartAsync(stoppingToken);

        // The web server stops before hosted services do; runners must drain while they can still report to it.
        using var onStopping = lifetime.ApplicationStopping.Register(() => StopEverythingAsync(CancellationToken.None).GetAwaiter().GetResult());
        while (!stoppingToken.IsCancellationRequested)
        {
            await _gate.WaitAsync(stoppingToken);
            try
            {
                await ReconcileAsync(stoppingToken);
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
                await wakeup.WaitAsync(TimeSpan.FromMilliseconds(_options.ReconcileIntervalMs), stoppingToken);
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
            await runners.StopAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        if (_shuttingDown)
        {
            return;
        }

        var all = await services.ListAllAsync(cancellationToken);
        foreach (var removed in await runners.ReconcileAsync(all, cancellationToken))
        {
            await deletion.FinalizeAsync(removed, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Reconciling runner replicas failed; retrying at the next tick")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception);
}
