using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Faas.Serverless.Domain.Common;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>
/// Delivers due control messages (durable timers) to their executions, one loop per partition. Idle loops back
/// off up to the configured interval; a timer scheduled in this process wakes its partition on time.
/// </summary>
public sealed partial class ControlDispatcher(
    ControlQueues control,
    ExecutionEngine engine,
    IDeadLetterStore deadLetters,
    WorkSignals signals,
    IOptions<QueueOptions> options,
    TimeProvider clock,
    ILogger<ControlDispatcher> logger) : BackgroundService
{
    private const int UncommittedLooks = 10;
    private const int UncommittedDeliveries = 3;
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UncommittedLookDelay = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan UncommittedRetry = TimeSpan.FromSeconds(1);
    private readonly QueueOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await control.CreateAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, control.PartitionCount).Select(partition => RunPartitionAsync(partition, stoppingToken)));
    }

    private async Task RunPartitionAsync(int partition, CancellationToken stoppingToken)
    {
        var queue = control.Partition(partition);
        var backoff = TimeSpan.FromMilliseconds(50);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wake = signals.Watch(ControlQueues.SignalKey(partition));
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(_options.BatchSize, Visibility, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.WhenAny(wake, Task.Delay(backoff, stoppingToken));
                    backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, _options.MaxPollingIntervalMs));
                    continue;
                }

                backoff = TimeSpan.FromMilliseconds(50);
                await Task.WhenAll(messages.Select(message => HandleAsync(queue, message, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPartitionFailed(logger, ex, partition);
                await Task.Delay(TimeSpan.FromMilliseconds(_options.MaxPollingIntervalMs), stoppingToken);
            }
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        ControlMessage? parsed = null;
        try
        {
            parsed = ControlQueues.Deserialize(QueueMessageText.Decode(message));
            if (message.DequeueCount > _options.MaxDeliveries)
            {
                await DeadLetterAsync(queue, message, parsed, $"Delivered {message.DequeueCount} times without being processed.", cancellationToken);
            }
            else if (parsed.DueAt > clock.GetUtcNow() + TimeSpan.FromSeconds(1))
            {
                await control.ScheduleAsync(parsed, cancellationToken);
            }
            else if (message.DequeueCount < UncommittedDeliveries && !await IsCommittedAsync(parsed, cancellationToken))
            {
                // Sent by a decision whose commit has not landed: look again in a moment. Past a few deliveries it
                // never will (that decision lost a race and was re-made), and applying it just drops it.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, messageText: null, UncommittedRetry, cancellationToken);
                return;
            }
            else
            {
                await engine.ApplyAsync(parsed.ExecutionId, [parsed.Event], cancellationToken);
            }

            await DeleteAsync(queue, message, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or NotSupportedException)
        {
            await DeadLetterAsync(queue, message, parsed, $"Unreadable control message: {ex.Message}", cancellationToken);
            await DeleteAsync(queue, message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left invisible for a while and then retried; after MaxDeliveries it is dead-lettered.
            LogMessageFailed(logger, ex, message.MessageId, message.DequeueCount);
        }
    }

    /// <summary>
    /// Timers are sent before the state that schedules them is committed, so a short one can arrive first. Its
    /// sequence number then lies ahead of the stored state's; applied now it would be dropped as unknown and lost.
    /// </summary>
    private async Task<bool> IsCommittedAsync(ControlMessage message, CancellationToken cancellationToken)
    {
        if (message.Event is not TimerElapsed timer)
        {
            return true;
        }

        for (var look = 0; ; look++)
        {
            var record = look == 0 ? await engine.GetAsync(message.ExecutionId, cancellationToken) : await engine.ReadAsync(message.ExecutionId, cancellationToken);
            if (record is not null && timer.Sequence <= record.State.TimerSequence)
            {
                return true;
            }

            if (look == UncommittedLooks)
            {
                return false;
            }

            await Task.Delay(UncommittedLookDelay, cancellationToken);
        }
    }

    private async Task DeadLetterAsync(QueueClient queue, QueueMessage message, ControlMessage? parsed, string reason, CancellationToken cancellationToken)
    {
        var record = parsed is null ? null : await engine.GetAsync(parsed.ExecutionId, cancellationToken);
        await deadLetters.AddAsync(
            new DeadLetter(Ids.New(), record?.Info.ProjectId ?? "unknown", parsed?.ExecutionId, queue.Name, QueueMessageText.Decode(message), reason, message.DequeueCount, clock.GetUtcNow()),
            cancellationToken);
        LogDeadLettered(logger, message.MessageId, queue.Name, reason);
    }

    private static async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsMessageGone())
        {
            // Its visibility ran out while it was handled and another host took it; that host finishes the job.
        }
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Error, Message = "Control partition {Partition} failed; retrying")]
    private static partial void LogPartitionFailed(ILogger logger, Exception exception, int partition);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Control message {MessageId} failed (delivery {DequeueCount}); it will be retried")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Message {MessageId} of {QueueName} was dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string queueName, string reason);
}
