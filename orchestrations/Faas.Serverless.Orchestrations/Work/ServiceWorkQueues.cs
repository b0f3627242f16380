using System.Text.Json;
using Faas.Serverless.AzureStorage;
using Faas.Serverless.Orchestrations.Engine;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>
/// One storage queue per service: executions' attempts go in, the service's replicas lease them out. A queue
/// per service lets each service scale on its own backlog (KEDA's azure-queue rule in the cloud).
/// </summary>
public sealed partial class ServiceWorkQueues(StorageAccount account, WorkSignals signals, IExecutionPayloadStore payloads, IOptions<QueueOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly QueueOptions _options = options.Value;

    public TimeSpan LeaseDuration => TimeSpan.FromSeconds(_options.VisibilityTimeoutSeconds);

    public string QueueName(string serviceId) => $"{_options.QueuePrefix}work-{serviceId}";

    public Task CreateAsync(string serviceId, CancellationToken cancellationToken = default) =>
        Queue(serviceId).CreateIfNotExistsAsync(cancellationToken);

    public Task DeleteAsync(string serviceId, CancellationToken cancellationToken = default) =>
        Queue(serviceId).DeleteIfExistsAsync(cancellationToken);

    /// <summary>
    /// Puts the item on its service's queue without waking this host's lessees: the engine sends before it commits,
    /// and calls <see cref="WakeLessees"/> once the state that wants the item is stored.
    /// </summary>
    public async Task EnqueueAsync(WorkItem item, CancellationToken cancellationToken = default) =>
        await Queue(item.ServiceId).SendMessageAsync(JsonSerializer.Serialize(item, Json), null, Timeout.InfiniteTimeSpan, cancellationToken);

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
            var messages = await Queue(serviceId).ReceiveMessagesAsync(Math.Clamp(maxItems, 1, _options.BatchSize), LeaseDuration, cancellationToken);
            if (messages.Count > 0)
            {
                var leased = new List<LeasedWork>(messages.Count);
                foreach (var message in messages)
                {
                    var item = Parse(message.MessageText);
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

        try
        {
            var receipt = await Queue(serviceId).UpdateMessageAsync(lease.MessageId, lease.PopReceipt, LeaseDuration, cancellationToken: cancellationToken);
            return (lease with { PopReceipt = receipt.PopReceipt }).Id;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            if (TakeHeld(lease) is not { } held)
            {
                return null;
            }

            try
            {
                var receipt = await Queue(serviceId).UpdateMessageAsync(lease.MessageId, held.PopReceipt, LeaseDuration, cancellationToken: cancellationToken);
                return (lease with { PopReceipt = receipt.PopReceipt }).Id;
            }
            catch (StorageException again) when (again.IsNotFound)
            {
                return null;
            }
        }
    }

    /// <summary>Removes the item for good; false when the lease was already lost.</summary>
    public async Task<bool> CompleteAsync(string serviceId, string leaseId, CancellationToken cancellationToken = default)
    {
        if (!LeaseIds.TryParse(leaseId, out var lease))
        {
            return false;
        }

        if (await TryDeleteAsync(serviceId, lease.MessageId, lease.PopReceipt, cancellationToken))
        {
            return true;
        }

        // A held item is deleted with the receipt of its hold.
        return TakeHeld(lease) is { } held && await TryDeleteAsync(serviceId, lease.MessageId, held.PopReceipt, cancellationToken);
    }

    /// <summary>Puts a leased item that was not handed out back, visible again at once or after <paramref name="delay"/>.</summary>
    public async Task<bool> ReleaseAsync(string serviceId, string leaseId, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        if (!LeaseIds.TryParse(leaseId, out var lease))
        {
            return false;
        }

        try
        {
            await Queue(serviceId).UpdateMessageAsync(lease.MessageId, lease.PopReceipt, delay ?? TimeSpan.Zero, cancellationToken: cancellationToken);
            NotePutBack(lease);
            if (delay is null)
            {
                signals.Signal(serviceId);
            }

            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    public async Task<int> LengthAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Queue(serviceId).GetPropertiesAsync(cancellationToken)).ApproximateMessagesCount;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return 0;
        }
    }

    /// <summary>
    /// A large input travels as a payload name; the runner still receives the input itself with its lease. An item past
    /// its delivery limit is dead-lettered, not run, so it keeps its small message.
    /// </summary>
    private async Task<WorkItem> WithInputAsync(WorkItem item, CancellationToken cancellationToken) =>
        item.InputBlob is { } name
            ? item with { Input = await payloads.ReadAsync<Dictionary<string, JsonElement>>(item.ExecutionId, name, cancellationToken), InputBlob = null }
            : item;

    private async Task<bool> TryDeleteAsync(string serviceId, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await Queue(serviceId).DeleteMessageAsync(messageId, popReceipt, cancellationToken);
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    private QueueClient Queue(string serviceId) => account.GetQueueClient(QueueName(serviceId));

    private static WorkItem Parse(string text) =>
        JsonSerializer.Deserialize<WorkItem>(text, Json) ?? throw new InvalidDataException("A work message held no work item.");

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
