using Faas.Serverless.Domain.Common;
using Faas.Serverless.Domain.Packages;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Supervisor;

/// <summary>The end of a deleted service, once its runner provider has removed its replicas.</summary>
internal sealed partial class ServiceDeletion(
    IServiceStore services,
    IReplicaStore replicas,
    IPackageStore packages,
    IExecutionStore executions,
    ExecutionEngine engine,
    ServiceWorkQueues queues,
    ILogger<ServiceDeletion> logger)
{
    public async Task FinalizeAsync(Service service, CancellationToken cancellationToken = default)
    {
        await AbortUnfinishedAsync(service, cancellationToken);
        await queues.DeleteAsync(service.Id, cancellationToken);
        await replicas.ClearAsync(service.Id, cancellationToken);
        await packages.RemoveUsageAsync(service.ProjectId, service.Spec.PackageId, service.Id, cancellationToken);
        await services.DeleteAsync(service, cancellationToken);
        LogDeleted(logger, service.Name, service.Id);
    }

    /// <summary>Work of a deleted service would wait forever for a runner: its executions end <c>aborted</c>.</summary>
    private async Task AbortUnfinishedAsync(Service service, CancellationToken cancellationToken)
    {
        foreach (var status in new[] { ExecutionStatus.Created, ExecutionStatus.InProgress })
        {
            var query = new ExecutionQuery(service.ProjectId, service.Id, status.ToWireName());
            string? token = null;
            do
            {
                var page = await executions.ListAsync(query, new PageRequest(PageRequest.MaxPageSize, token), cancellationToken);
                foreach (var execution in page.Items)
                {
                    await engine.SendAsync(execution.Id, [new ExecutionAborted($"aborted-service-deleted-{service.Id}", $"Service '{service.Name}' was deleted.")], cancellationToken);
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Service {ServiceName} ({ServiceId}) was drained and deleted")]
    private static partial void LogDeleted(ILogger logger, string serviceName, string serviceId);
}
