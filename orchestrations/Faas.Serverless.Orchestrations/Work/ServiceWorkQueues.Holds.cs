using System.Collections.Concurrent;
using Faas.Serverless.AzureStorage;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>Items held for the replica they were leased to, after its lease ran out.</summary>
public sealed partial class ServiceWorkQueues
{
    // Message id → the pop receipt of an item held for the replica it was leased to.
    private readonly ConcurrentDictionary<string, HeldItem> _held = new(StringComparer.Ordinal);

    // Message id → when it was put back without being handed out (ReleaseAsync): nobody holds it.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _putBack = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps a redelivered item invisible for one more lease instead of handing it out, and remembers its new pop
    /// receipt: the replica it was leased to may be alive but cut off (a storage or host outage outlasted its lease).
    /// Its next renewal or final event, carrying the old lease id, then reclaims the item (see <see cref="RenewAsync"/>
    /// and <see cref="CompleteAsync"/>). False when the item was held once already and nobody reclaimed it (its
    /// holder is gone, and the caller treats the attempt as reset), or when it was put back without being handed out. Holds live in this host's memory: a holder whose
    /// next call reaches another host, or this host after a restart, does not find its hold.
    /// </summary>
    public async Task<bool> HoldForHolderAsync(string serviceId, LeasedWork work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!LeaseIds.TryParse(work.LeaseId, out var lease) || _held.TryRemove(lease.MessageId, out _) || _putBack.TryRemove(lease.MessageId, out _))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        foreach (var stale in _held.Where(h => now - h.Value.HeldAt > LeaseDuration * 2))
        {
            _held.TryRemove(stale);
        }

        foreach (var stale in _putBack.Where(p => now - p.Value > LeaseDuration * 2))
        {
            _putBack.TryRemove(stale);
        }

        try
        {
            var receipt = await Queue(serviceId).UpdateMessageAsync(lease.MessageId, lease.PopReceipt, LeaseDuration, cancellationToken: cancellationToken);
            _held[lease.MessageId] = new HeldItem(receipt.PopReceipt, now);
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    private void NotePutBack(Lease lease) => _putBack[lease.MessageId] = clock.GetUtcNow();

    private HeldItem? TakeHeld(Lease lease) => _held.TryRemove(lease.MessageId, out var held) ? held : null;

    private sealed record HeldItem(string PopReceipt, DateTimeOffset HeldAt);
}
