using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Faas.Serverless.Storage;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>An event to deliver to an execution, no earlier than <see cref="DueAt"/>.</summary>
public sealed record ControlMessage(string ExecutionId, ExecutionEvent Event, DateTimeOffset DueAt);

/// <summary>
/// Partitioned control queues (hash of the execution id), carrying durable timers as delayed messages. A queue
/// message may be delayed at most 7 days; a longer timer is re-enqueued when that delay runs out. Message text is
/// encoded with <see cref="QueueMessageText"/>; storage failures leave the methods translated (<see cref="StorageFailure"/>).
/// </summary>
public sealed class ControlQueues(QueueServiceClient queues, WorkSignals signals, IOptions<QueueOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private readonly QueueOptions _options = options.Value;
    private readonly QueueClient[] _partitions =
        [.. Enumerable.Range(0, options.Value.ControlPartitions).Select(i => queues.GetQueueClient($"{options.Value.QueuePrefix}control-{i:D2}"))];

    public int PartitionCount => _partitions.Length;

    public QueueClient Partition(int index) => _partitions[index];

    public Task CreateAsync(CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                foreach (var partition in _partitions)
                {
                    await partition.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                }
            },
            "create the control queues");

    public int PartitionOf(string executionId) => (int)((uint)StableHash(executionId) % (uint)PartitionCount);

    public async Task<TimerMessage> ScheduleAsync(ControlMessage message, CancellationToken cancellationToken = default)
    {
        var partition = PartitionOf(message.ExecutionId);
        var delay = message.DueAt - clock.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        var text = QueueMessageText.Encode(Serialize(message));
        var receipt = await StorageFailure.TranslateAsync(
            async () => (await Partition(partition).SendMessageAsync(text, delay, QueueFailures.NeverExpires, cancellationToken)).Value,
            "schedule a timer");
        WakeAt(partition, delay);
        return new TimerMessage(partition, receipt.MessageId, receipt.PopReceipt);
    }

    /// <summary>Deletes a timer that is no longer wanted; one that already fired or was taken is left alone.</summary>
    public Task CancelAsync(TimerMessage timer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return StorageFailure.TranslateAsync(
            async () =>
            {
                try
                {
                    await Partition(timer.Partition).DeleteMessageAsync(timer.MessageId, timer.PopReceipt, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.IsMessageGone())
                {
                    // Fired, being processed, or deleted already: a stale timer is dropped when it is applied.
                }
            },
            "cancel a timer");
    }

    /// <summary>
    /// Puts a dead-lettered message back on the queue it came from, due at once. The queue is named by the letter;
    /// only queues of this host's prefix are accepted, so a letter cannot be used to write to another queue.
    /// </summary>
    public Task ReplayAsync(string queueName, string messageText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var index = Array.FindIndex(_partitions, partition => partition.Name == queueName);
        if (index < 0)
        {
            throw new ArgumentException($"'{queueName}' is not a control queue of this host.", nameof(queueName));
        }

        return StorageFailure.TranslateAsync(
            async () =>
            {
                await _partitions[index].SendMessageAsync(QueueMessageText.Encode(messageText), TimeSpan.Zero, QueueFailures.NeverExpires, cancellationToken);
                WakeAt(index, TimeSpan.Zero);
            },
            "replay a dead letter");
    }

    public static string SignalKey(int partition) => $"control-{partition}";

    public static string Serialize(ControlMessage message) => JsonSerializer.Serialize(message, EngineJson.Options);

    public static ControlMessage Deserialize(string text) =>
        JsonSerializer.Deserialize<ControlMessage>(text, EngineJson.Options) ?? throw new InvalidDataException("A control message held nothing.");

    /// <summary>Timers due sooner than the idle poll interval wake this host's dispatcher right on time.</summary>
    private void WakeAt(int partition, TimeSpan delay)
    {
        if (delay < TimeSpan.FromMilliseconds(_options.MaxPollingIntervalMs))
        {
            _ = Task.Delay(delay).ContinueWith(_ => signals.Signal(SignalKey(partition)), TaskScheduler.Default);
        }
    }

    private static int StableHash(string value)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in value)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
