using System.Text.Json;
using Faas.Serverless.AzureStorage;
using Faas.Serverless.Orchestrations.Executions;
using Faas.Serverless.Orchestrations.Work;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Engine;

/// <summary>An event to deliver to an execution, no earlier than <see cref="DueAt"/>.</summary>
public sealed record ControlMessage(string ExecutionId, ExecutionEvent Event, DateTimeOffset DueAt);

/// <summary>
/// Partitioned control queues (hash of the execution id), carrying durable timers as delayed messages. A queue
/// message may be delayed at most 7 days; a longer timer is re-enqueued when that delay runs out.
/// </summary>
public sealed class ControlQueues(StorageAccount account, WorkSignals signals, IOptions<QueueOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);
    private readonly QueueOptions _options = options.Value;

    public int PartitionCount => _options.ControlPartitions;

    public QueueClient Partition(int index) => account.GetQueueClient($"{_options.QueuePrefix}control-{index:D2}");

    public async Task CreateAsync(CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < PartitionCount; i++)
        {
            await Partition(i).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    public int PartitionOf(string executionId) => (int)((uint)StableHash(executionId) % (uint)PartitionCount);

    public async Task<TimerMessage> ScheduleAsync(ControlMessage message, CancellationToken cancellationToken = default)
    {
        var partition = PartitionOf(message.ExecutionId);
        var delay = message.DueAt - clock.GetUtcNow();
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        var receipt = await Partition(partition).SendMessageAsync(Serialize(message), delay, Timeout.InfiniteTimeSpan, cancellationToken);
        WakeAt(partition, delay);
        return new TimerMessage(partition, receipt.MessageId, receipt.PopReceipt);
    }

    /// <summary>Deletes a timer that is no longer wanted; one that already fired or was taken is left alone.</summary>
    public async Task CancelAsync(TimerMessage timer, CancellationToken cancellationToken = default)
    {
        try
        {
            await Partition(timer.Partition).DeleteMessageAsync(timer.MessageId, timer.PopReceipt, cancellationToken);
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            // Fired, being processed, or deleted already: a stale timer is dropped when it is applied.
        }
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
