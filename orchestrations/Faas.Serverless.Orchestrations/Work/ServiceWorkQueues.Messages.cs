using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>The queue operations on one leased message, with "someone else has it" as an answer instead of a failure.</summary>
public sealed partial class ServiceWorkQueues
{
    // Building a client costs a URI per call, and leases, renewals and completions are the hot path.
    private readonly ConcurrentDictionary<string, QueueClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Sets how long the message stays invisible from now; its new pop receipt, or null when the receipt is stale.</summary>
    private async Task<string?> TryUpdateAsync(string serviceId, string messageId, string popReceipt, TimeSpan visibility, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await Queue(serviceId).UpdateMessageAsync(messageId, popReceipt, messageText: null, visibility, cancellationToken);
            return receipt.Value.PopReceipt;
        }
        catch (RequestFailedException ex) when (ex.IsMessageGone())
        {
            return null;
        }
    }

    private async Task<bool> TryDeleteAsync(string serviceId, string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await Queue(serviceId).DeleteMessageAsync(messageId, popReceipt, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsMessageGone())
        {
            return false;
        }
    }

    private QueueClient Queue(string serviceId) => _clients.GetOrAdd(serviceId, id => queues.GetQueueClient(QueueName(id)));

    private void Forget(string serviceId) => _clients.TryRemove(serviceId, out _);
}
