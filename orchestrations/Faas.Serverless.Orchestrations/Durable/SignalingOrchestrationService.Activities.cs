using System.Net.Sockets;
using Azure;
using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>
/// Ending an activity's work item survives a storage outage. DurableTask.AzureStorage forgets an activity's queue
/// message only once completing or abandoning it reached storage; when both fail, as they do while storage is down, it
/// refuses that message at every later delivery ("Work item queue message ... is being processed multiple times
/// concurrently", Azure/durabletask#1173) and the orchestration waits on the activity for ever. So both are tried again
/// while storage cannot be reached, until it answers, the worker stops, or <see cref="StorageRetryLimit"/> passes. A
/// result sent twice is harmless: Durable Task ignores a second completion of the same task.
/// </summary>
public sealed partial class SignalingOrchestrationService
{
    /// <summary>Longer than any outage the platform rides out; past it the work item fails as it would have.</summary>
    private static readonly TimeSpan StorageRetryLimit = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan StorageRetryPause = TimeSpan.FromSeconds(1);

    private volatile bool _stopping;

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        WhileStorageUnreachableAsync(() => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage), "complete", workItem.Id);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        WhileStorageUnreachableAsync(() => inner.AbandonTaskActivityWorkItemAsync(workItem), "abandon", workItem.Id);

    /// <summary>
    /// Connection failures, timeouts, throttling and server errors: what a retry can get past. The backend wraps the
    /// Azure SDK's <see cref="RequestFailedException"/> in an exception type of its own, so the chain is searched.
    /// </summary>
    public static bool IsStorageUnreachable(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsStorageUnreachable),
        RequestFailedException failed => IsTransientStatus(failed.Status),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        { InnerException: { } inner } => IsStorageUnreachable(inner),
        _ => false,
    };

    private static bool IsTransientStatus(int status) => status is 0 or 408 or 429 or >= 500;

    private async Task WhileStorageUnreachableAsync(Func<Task> operation, string action, string workItemId)
    {
        var clock = time ?? TimeProvider.System;
        var giveUpAt = clock.GetUtcNow() + StorageRetryLimit;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await operation();
                if (attempt > 1)
                {
                    LogActivityEnded(logger, action, workItemId, attempt);
                }

                return;
            }
            catch (Exception ex) when (IsStorageUnreachable(ex) && !_stopping && clock.GetUtcNow() < giveUpAt)
            {
                if (attempt == 1)
                {
                    LogStorageUnreachable(logger, action, workItemId, ex.Message);
                }

                await Task.Delay(StorageRetryPause, clock);
            }
        }
    }

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Storage unreachable while trying to {Action} activity work item {WorkItemId} ({Error}); trying again until it answers")]
    private static partial void LogStorageUnreachable(ILogger logger, string action, string workItemId, string error);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Activity work item {WorkItemId}: {Action} reached storage at attempt {Attempt}")]
    private static partial void LogActivityEnded(ILogger logger, string action, string workItemId, int attempt);
}
