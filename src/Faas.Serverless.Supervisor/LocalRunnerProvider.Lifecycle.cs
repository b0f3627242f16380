using Faas.Serverless.Domain.Services;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Supervisor;

internal sealed partial class LocalRunnerProvider
{
    /// <summary>Reaps exited processes: backoff for crashes, and an Error verdict after repeated init failures.</summary>
    private async Task CollectExitsAsync(Service service, ServiceReplicas state, CancellationToken cancellationToken)
    {
        foreach (var slot in state.Slots.Values.Where(slot => slot.Process is { HasExited: true }).ToList())
        {
            var process = slot.Process!;
            var exitCode = process.ExitCode ?? -1;
            await Launcher.ReleaseAsync(process, cancellationToken);
            slot.RecordExit(exitCode, clock.GetUtcNow(), TimeSpan.FromSeconds(_options.MaxRestartBackoffSeconds));
            LogExited(logger, slot.Key.ReplicaId, service.Name, exitCode);
            if (exitCode == ExitCodes.Refused)
            {
                state.Failure = (slot.Key.Version, new ErrorInfo("RunnerRefused", $"The runner of replica {slot.Key.ReplicaId} was refused by the platform: the service's bot may have been removed from the project or demoted below Developer.", null), slot.Key.ReplicaId, "Runner refused");
            }
            else if (slot.ConsecutiveInitFailures >= _options.MaxInitFailures)
            {
                var reported = await LastReportAsync(service, slot, cancellationToken);
                var error = reported?.Error ?? new ErrorInfo("InitFailed", $"The replica exited with code {exitCode} during init.", null);
                state.Failure = (slot.Key.Version, error, slot.Key.ReplicaId, $"Init failed {slot.ConsecutiveInitFailures} times in a row; fix the code or init params and update the service.");
            }
            else if (exitCode != ExitCodes.Stopped)
            {
                var message = $"exited with code {exitCode}; restarting at {slot.NotBefore:O}";
                var previous = await LastReportAsync(service, slot, cancellationToken);
                await replicas.SetReplicaAsync(service.Id, new ReplicaStatus(slot.Key.ReplicaId, ReplicaState.Error, slot.Key.Version, null, previous?.Runtime, message, previous?.Error, clock.GetUtcNow()), cancellationToken);
            }
        }
    }

    /// <summary>What the replica's agent last said about itself (its init error and traceback, its runtime).</summary>
    private async Task<ReplicaStatus?> LastReportAsync(Service service, ReplicaSlot slot, CancellationToken cancellationToken) =>
        (await replicas.ListReplicasAsync(service.Id, cancellationToken)).FirstOrDefault(r => r.ReplicaId == slot.Key.ReplicaId);

    private async Task<int> DesiredReplicasAsync(Service service, ServiceReplicas state, CancellationToken cancellationToken)
    {
        if (service.Spec.Runtime.Autoscaler is not { } scaler)
        {
            return service.Spec.Runtime.Replicas;
        }

        var now = clock.GetUtcNow();
        var length = await queues.LengthAsync(service.Id, cancellationToken);
        var desired = Autoscaler.Decide(scaler, length, state.Desired, now, state.LastNeededAt);
        if (desired >= state.Desired)
        {
            state.LastNeededAt = now;
        }

        if (desired != state.Desired)
        {
            LogScaled(logger, service.Name, state.Desired, desired, length);
        }

        state.Desired = desired;
        return desired;
    }

    private void StopAll(Service service, ServiceReplicas state)
    {
        foreach (var slot in state.Slots.Values.ToList())
        {
            Stop(service, state, slot);
        }
    }

    /// <summary>Drains in the background: a replica may take up to the service's drainTime to hand back its work.</summary>
    private void Stop(Service service, ServiceReplicas state, ReplicaSlot slot)
    {
        state.Slots.Remove(slot.Key.Index);
        state.Stopping.RemoveAll(task => task.IsCompleted);
        if (slot.Process is not { } process)
        {
            // Already exited (crashed, refused): only its last report is left to clear.
            state.Stopping.Add(replicas.RemoveReplicaAsync(service.Id, slot.Key.ReplicaId));
            return;
        }

        var grace = TimeSpan.FromSeconds(service.Spec.DrainTime) + ShutdownGrace;
        state.Stopping.Add(Task.Run(async () =>
        {
            await process.StopAsync(grace);
            await Launcher.ReleaseAsync(process);
            await replicas.RemoveReplicaAsync(service.Id, slot.Key.ReplicaId);
            process.Dispose();
            wakeup.Wake();
        }));
    }

    /// <summary>Writes the verdict only when it changed, so an idle service costs no storage writes.</summary>
    private async Task PublishAsync(Service service, ServiceReplicas state, int desired, bool failed, string? note, ErrorInfo? error, string? replicaId, CancellationToken cancellationToken)
    {
        var status = new DeploymentStatus(service.Id, service.Version, desired, failed, note, error, replicaId, clock.GetUtcNow());
        if (state.Published is { } published && published with { UpdatedAt = status.UpdatedAt } == status)
        {
            return;
        }

        await replicas.SetDeploymentAsync(status, cancellationToken);
        state.Published = status;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Replica {ReplicaId} of service {ServiceName} exited with code {ExitCode}")]
    private static partial void LogExited(ILogger logger, string replicaId, string serviceName, int exitCode);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Service {ServiceName} scaled from {From} to {To} replicas (queue length {QueueLength})")]
    private static partial void LogScaled(ILogger logger, string serviceName, int from, int to, int queueLength);
}
