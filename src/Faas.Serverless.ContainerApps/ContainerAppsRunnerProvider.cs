using Azure;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Supervisor;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.ContainerApps;

/// <summary>
/// Replicas as one Azure Container Apps job per service: KEDA starts runner agents on the service's work queue
/// (min..max executions from its replicas or autoscaler). The job is put when the service's job definition changes,
/// and deleted when the service is paused or deleted. Jobs outlive this host: they are the cloud's replicas.
/// </summary>
internal sealed partial class ContainerAppsRunnerProvider(
    ContainerAppsJobs jobs,
    RunnerJobKeys keys,
    IReplicaStore replicas,
    ServiceWorkQueues queues,
    IOptions<ContainerAppsOptions> options,
    TimeProvider clock,
    ILogger<ContainerAppsRunnerProvider> logger) : IRunnerProvider
{
    /// <summary>The fingerprint of a service that has no job.</summary>
    private const string Absent = "";
    private readonly ContainerAppsOptions _options = options.Value;

    // Service id → the fingerprint of its job as last put (or Absent); a service not in it is looked up once.
    private readonly Dictionary<string, string> _applied = [];
    private readonly Dictionary<string, (string Fingerprint, ErrorInfo Error)> _rejected = [];
    private readonly Dictionary<string, DateTimeOffset> _sweepAt = [];
    private readonly Dictionary<string, DeploymentStatus> _published = [];
    private readonly HashSet<string> _deleting = [];

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<IReadOnlyList<Service>> ReconcileAsync(IReadOnlyList<Service> services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var removed = new List<Service>();
        foreach (var service in services)
        {
            try
            {
                if (service.Deleting)
                {
                    if (await RemoveAsync(service, cancellationToken))
                    {
                        removed.Add(service);
                    }
                }
                else if (!service.Active)
                {
                    await RemoveAsync(service, cancellationToken);
                    await PublishAsync(service, 0, null, "Paused: the service's Container Apps job is deleted.", cancellationToken);
                }
                else
                {
                    await ApplyAsync(service, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One service's trouble (throttling, an outage) must not hold up the others.
                LogFailed(logger, ex, service.Name);
            }
        }

        var known = services.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _applied.Keys.Concat(_published.Keys).Where(id => !known.Contains(id)).ToList())
        {
            _applied.Remove(gone);
            _rejected.Remove(gone);
            _sweepAt.Remove(gone);
            _published.Remove(gone);
            _deleting.Remove(gone);
        }

        return removed;
    }

    private async Task ApplyAsync(Service service, CancellationToken cancellationToken)
    {
        var plan = JobPlanner.Plan(service, _options, queues.QueueName(service.Id));
        if (plan.Job is not { } job)
        {
            await RemoveAsync(service, cancellationToken);
            await PublishAsync(service, 0, plan.Error, plan.Note, cancellationToken);
            return;
        }

        var fingerprint = JobBody.Fingerprint(job);
        if (_rejected.TryGetValue(service.Id, out var rejected) && rejected.Fingerprint == fingerprint)
        {
            await PublishAsync(service, job.MinExecutions, rejected.Error, null, cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        if (!_applied.TryGetValue(service.Id, out var applied))
        {
            // First sight since this host started: the job may be up to date already, with old keys to sweep.
            var tags = await jobs.GetTagsAsync(job.Name, cancellationToken);
            applied = _applied[service.Id] = tags?.GetValueOrDefault(JobBody.SpecTag) ?? Absent;
            _sweepAt[service.Id] = now;
        }

        if (applied != fingerprint && !await PutAsync(service, job, fingerprint, cancellationToken))
        {
            return;
        }

        if (_sweepAt.TryGetValue(service.Id, out var due) && due <= now)
        {
            var next = await keys.SweepAsync(service.Spec.BotUserId, job.Name, TimeSpan.FromSeconds(job.ReplicaTimeoutSeconds), cancellationToken);
            if (next is { } later)
            {
                _sweepAt[service.Id] = later;
            }
            else
            {
                _sweepAt.Remove(service.Id);
            }
        }

        var note = $"Runs as Container Apps job {job.Name}: {job.MinExecutions} to {job.MaxExecutions} runner executions, one per {job.QueueLength} queued calls.";
        await PublishAsync(service, job.MinExecutions, null, note, cancellationToken);
    }

    /// <summary>Puts the job with a new runner key; false when Resource Manager refused it (the service shows why).</summary>
    private async Task<bool> PutAsync(Service service, JobDefinition job, string fingerprint, CancellationToken cancellationToken)
    {
        _deleting.Remove(service.Id);
        var (key, secret) = await keys.IssueAsync(service.Spec.BotUserId, job.Name, cancellationToken);
        try
        {
            await jobs.PutAsync(job.Name, JobBody.Build(job, secret), cancellationToken);
        }
        catch (Exception ex)
        {
            await keys.RevokeAsync(key, CancellationToken.None);
            if (ex is RequestFailedException { Status: >= 400 and < 500 and not 408 and not 409 and not 429 } refused)
            {
                var error = new ErrorInfo("ContainerAppsRejected", $"Azure Resource Manager refused the service's job {job.Name} ({refused.Status} {refused.ErrorCode}): {refused.Message}", null);
                _rejected[service.Id] = (fingerprint, error);
                LogRejected(logger, service.Name, job.Name, refused.Status, refused.ErrorCode);
                await PublishAsync(service, job.MinExecutions, error, null, cancellationToken);
                return false;
            }

            throw;
        }

        _applied[service.Id] = fingerprint;
        _rejected.Remove(service.Id);
        _sweepAt[service.Id] = clock.GetUtcNow();
        LogApplied(logger, service.Name, service.Version, job.Name, job.MinExecutions, job.MaxExecutions, job.Image);
        return true;
    }

    /// <summary>Deletes the service's job and revokes its keys; true once it is gone.</summary>
    private async Task<bool> RemoveAsync(Service service, CancellationToken cancellationToken)
    {
        if (_applied.TryGetValue(service.Id, out var applied) && applied == Absent)
        {
            return true;
        }

        var name = JobNames.For(service.Id);
        var gone = _deleting.Contains(service.Id) ? await jobs.GetTagsAsync(name, cancellationToken) is null : await jobs.DeleteAsync(name, cancellationToken);
        if (!gone)
        {
            _deleting.Add(service.Id);
            return false;
        }

        // Deleting a job ends its executions: no runner is left to use its keys.
        await keys.SweepAsync(service.Spec.BotUserId, name, null, cancellationToken);
        _deleting.Remove(service.Id);
        _applied[service.Id] = Absent;
        _rejected.Remove(service.Id);
        _sweepAt.Remove(service.Id);
        LogRemoved(logger, name, service.Name);
        return true;
    }

    /// <summary>Writes the verdict only when it changed, so an idle service costs no storage writes.</summary>
    private async Task PublishAsync(Service service, int desired, ErrorInfo? error, string? note, CancellationToken cancellationToken)
    {
        var status = new DeploymentStatus(service.Id, service.Version, desired, error is not null, note, error, null, clock.GetUtcNow());
        if (_published.TryGetValue(service.Id, out var published) && published with { UpdatedAt = status.UpdatedAt } == status)
        {
            return;
        }

        await replicas.SetDeploymentAsync(status, cancellationToken);
        _published[service.Id] = status;
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "Service {ServiceName} v{Version} runs as Container Apps job {JobName} ({Min} to {Max} executions of {Image})")]
    private static partial void LogApplied(ILogger logger, string serviceName, int version, string jobName, int min, int max, string image);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Container Apps job {JobName} of service {ServiceName} is deleted")]
    private static partial void LogRemoved(ILogger logger, string jobName, string serviceName);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Azure Resource Manager refused the job of service {ServiceName} ({JobName}): {Status} {ErrorCode}")]
    private static partial void LogRejected(ILogger logger, string serviceName, string jobName, int status, string? errorCode);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "Reconciling the Container Apps job of service {ServiceName} failed; retrying at the next round")]
    private static partial void LogFailed(ILogger logger, Exception exception, string serviceName);
}
