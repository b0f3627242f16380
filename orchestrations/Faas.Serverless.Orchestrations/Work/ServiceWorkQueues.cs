using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Faas.Serverless.Orchestrations.Engine;
using Faas.Serverless.Storage;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>
/// One storage queue per service: executions' attempts go in, the service's replicas lease them out. A queue
/// per service lets each service scale on its own backlog (KEDA's azure-queue rule in the cloud). Storage
/// failures leave the public methods as domain exceptions (<see cref="StorageFailure.Translate"/>): an outage as
/// <see cref="Domain.Common.StorageUnavailableException"/>, a lost message as the method's "lost" answer.
/// </summary>
public sealed partial class ServiceWorkQueues(QueueServiceClient queues, WorkSignals signals, IExecutionPayloadStore payloads, IOptions<QueueOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly QueueOptions _options = options.Value;

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(_options.VisibilityTimeoutSeconds);

    public string QueueName(string serviceId) => $"{_options.QueuePrefix}work-{serviceId}";

    public Task CreateAsync(string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(() => Queue(serviceId).CreateIfNotExistsAsync(cancellationToken: cancellationToken), "create a work queue");

    public async Task DeleteAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        await StorageFailure.TranslateAsync(() => Queue(serviceId).DeleteIfExistsAsync(cancellationToken), "delete a work queue");
        Forget(serviceId);
    }

    /// <summary>
    /// Puts the item on its service's queue without waking this host's lessees: the engine sends before it commits,
    /// and calls <see cref="WakeLessees"/> once the state that wants the item is stored. A service's queue is created
    /// when its first runner fetches its spec; work can come sooner (right after a deploy, or to a service scaled to
    /// zero, whose autoscaler waits for work before it starts any runner), so a missing queue is created here.
    /// </summary>
    public Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = QueueMessageText.Encode(JsonSerializer.Serialize(item, Json));
        return StorageFailure.TranslateAsync(
            async () =>
            {
                var queue = Queue(item.ServiceId);
                try
                {
                    await queue.SendMessageAsync(text, null, QueueFailures.NeverExpires, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.IsNotFound())
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    await queue.SendMessageAsync(text, null, QueueFailures.NeverExpires, cancellationToken);
                }
            },
            "enqueue work");
    }

    public void WakeLessees(string serviceId) => signals.Signal(serviceId);

    /// <summary>
    /// Long poll: returns as soon as work is visible, or an empty list once <paramref name="wait"/> has passed.
    /// Idle looks back off up to the configured interval; an enqueue in this process wakes the wait at once.
    /// </summary>
    public async Task<IReadOnlyList<LeasedWork>> LeaseAsync(string serviceId, int maxItems, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var deadline = clock.GetUtcNow() + wait;
        var backoff = TimeSpan.FromMilliseconds(50);
        var maxBackoff = TimeSpan.FromMilliseconds(_options.MaxPollingIntervalMs);
        while (true)
        {
            var wake = signals.Watch(serviceId);
            var messages = await StorageFailure.TranslateAsync(
                async () => (await Queue(serviceId).ReceiveMessagesAsync(Math.Clamp(maxItems, 1, _options.BatchSize), LeaseDuration, cancellationToken)).Value,
                "lease work");
            if (messages.Length > 0)
            {
                var leased = new List<LeasedWork>(messages.Length);
                foreach (var message in messages)
                {
                    var item = Parse(QueueMessageText.Decode(message));
                    item = message.DequeueCount > _options.MaxDeliveries ? item : await WithInputAsync(item, cancellationToken);
                    leased.Add(new LeasedWork(new Lease(message.MessageId, message.PopReceipt, item.ExecutionId, item.Attempt).Id, item, message.DequeueCount));
                }

                return leased;
            }

            var remaining = deadline - clock.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return [];
            }

            await Task.WhenAny(wake, Task.Delay(Min(backoff, remaining), cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            backoff = Min(backoff * 2, maxBackoff);
        }
    }

    /// <summary>Extends the lease; null when it was lost (expired and taken by another replica, or completed).</summary>
    public async Task<string?> RenewAsync(string serviceId, string leaseId, CancellationToken cancellationToken = default)
    {
        if (!LeaseIds.TryParse(leaseId, out var lease))
        {
            return null;
        }

        var receipt = await StorageFailure.TranslateAsync(
            async () => await TryUpdateAsync(serviceId, lease.MessageId, lease.PopReceipt, LeaseDuration, cancellationToken)
                ?? (TakeHeld(lease) is { } held ? await TryUpdateAsync(serviceId, lease.MessageId, held.PopReceipt, LeaseDuration, cancellationToken) : null),
            "renew a work lease");
        return receipt is null ? null : (lease with { PopReceipt = receipt }).Id;
    }

    /// <summary>Removes the item for good; false when the lease was already lost.</summary>
    public async Task<bool> CompleteAsync(string serviceId, string leaseId, CancellationToken cancellationToken = default)
    {
        if (!LeaseIds.TryParse(leaseId, out var lease))
        {
            return false;
        }

        // A held item is deleted with the receipt of its hold.
        return await StorageFailure.TranslateAsync(
            async () => await TryDeleteAsync(serviceId, lease.MessageId, lease.PopReceipt, cancellationToken)
                || (TakeHeld(lease) is { } held && await TryDeleteAsync(serviceId, lease.MessageId, held.PopReceipt, cancellationToken)),
            "complete work");
    }

    /// <summary>Puts a leased item that was not handed out back, visible again at once or after <paramref name="delay"/>.</summary>
    public async Task<bool> ReleaseAsync(string serviceId, string leaseId, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (!LeaseIds.TryParse(leaseId, out var lease))
        {
            return false;
        }

        var receipt = await StorageFailure.TranslateAsync(
            () => TryUpdateAsync(serviceId, lease.MessageId, lease.PopReceipt, delay ?? TimeSpan.Zero, cancellationToken),
            "release work");
        if (receipt is null)
        {
            return false;
        }

        NotePutBack(lease);
        if (delay is null)
        {
            signals.Signal(serviceId);
        }

        return true;
    }

    public Task<int> LengthAsync(string serviceId, CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                try
                {
                    return (await Queue(serviceId).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                }
                catch (RequestFailedException ex) when (ex.IsNotFound())
                {
                    return 0;
                }
            },
            "count work");

    /// <summary>
    /// A large input travels as a payload name; the runner still receives the input itself with its lease. An item past
    /// its delivery limit is dead-lettered, not run, so it keeps its small message.
    /// </summary>
    private async Task<WorkItem> WithInputAsync(WorkItem item, CancellationToken cancellationToken) =>
        item.InputBlob is { } name
            ? item with { Input = await payloads.ReadAsync<Dictionary<string, JsonElement>>(item.ExecutionId, name, cancellationToken), InputBlob = null }
            : item;

    private static WorkItem Parse(string text) =>
        JsonSerializer.Deserialize<WorkItem>(text, Json) ?? throw new InvalidDataException("A work message held no work item.");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
