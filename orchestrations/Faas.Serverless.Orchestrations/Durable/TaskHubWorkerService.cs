using System.Diagnostics;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CoreActivity = DurableTask.Core.TaskActivity;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Runs this host's Durable Task worker: creates the task hub if needed, then dispatches the registered
/// orchestrators and activities until shutdown, when it hands its partitions over to the other hosts.
/// </summary>
internal sealed partial class TaskHubWorkerService(
    AzureStorageOrchestrationService service,
    CompletionSignals signals,
    IEnumerable<DurableTaskRegistration> registrations,
    IServiceProvider services,
    DataConverter converter,
    IOptions<DurableTaskOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<TaskHubWorkerService> logger) : IHostedService
{
    /// <summary>
    /// The stop is forced: Durable Task's graceful one waited 2-9 s even on an idle worker (its dispatchers finish
    /// their polls), which every host restart, and every test, paid. A forced stop still releases the partitions,
    /// so another host takes them at its next acquire tick; a work item it held is delivered again after the
    /// visibility timeout and, like any, applied at least once. Past this bound the host stops anyway; the leases
    /// then expire on their own.
    /// </summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await service.CreateIfNotExistsAsync().WaitAsync(cancellationToken);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        var worker = new TaskHubWorker(
            new SignalingOrchestrationService(service, signals, logger),
            new NameOnlyObjectManager<TaskOrchestration>(),
            new NameOnlyObjectManager<CoreActivity>(),
            loggerFactory)
        {
            // Microsoft.DurableTask's TaskFailedException is built from FailureDetails, not from serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var orchestrators = registrations.Where(r => r.Kind == DurableTaskKind.Orchestrator).Select(r => new OrchestratorCreator(r, services, shims)).ToArray();
        var activities = registrations.Where(r => r.Kind == DurableTaskKind.Activity).Select(r => new ActivityCreator(r, scopes, shims)).ToArray();
        worker.AddTaskOrchestrations(orchestrators);
        worker.AddTaskActivities(activities);
        await worker.StartAsync().WaitAsync(cancellationToken);
        _worker = worker;
        LogStarted(logger, options.Value.HubName, orchestrators.Length, activities.Length, started.ElapsedMilliseconds);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host may stop its services twice (WebApplicationFactory does); a second stop would wait again.
        if (Interlocked.Exchange(ref _worker, null) is not { } worker)
        {
            return;
        }

        var stopping = Stopwatch.StartNew();
        try
        {
            await worker.StopAsync(isForced: true).WaitAsync(StopTimeout, cancellationToken);
            LogStopped(logger, options.Value.HubName, stopping.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            LogStopAbandoned(logger, options.Value.HubName, stopping.ElapsedMilliseconds);
        }
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Durable Task worker started on task hub {HubName} with {Orchestrators} orchestrators and {Activities} activities in {ElapsedMs} ms")]
    private static partial void LogStarted(ILogger logger, string hubName, int orchestrators, int activities, long elapsedMs);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Durable Task worker on task hub {HubName} stopped and released its partitions in {ElapsedMs} ms")]
    private static partial void LogStopped(ILogger logger, string hubName, long elapsedMs);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Durable Task worker on task hub {HubName} did not stop within {ElapsedMs} ms; its partition leases will expire on their own")]
    private static partial void LogStopAbandoned(ILogger logger, string hubName, long elapsedMs);
}
