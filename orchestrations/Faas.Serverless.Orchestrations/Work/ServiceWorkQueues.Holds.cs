using System.Collections.Concurrent;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>Items held for the replica they were leased to, after its lease ran out.</summary>
public sealed partial class ServiceWorkQueues
{
    // A holder cut off for longer than this is told its lease is lost only if the attempt ended meanwhile.
    private static readonly TimeSpan GivenAwayMemory = TimeSpan.FromHours(1);

    // Message id → the pop receipt of an item held for the replica it was leased to.
    private readonly ConcurrentDictionary<string, HeldItem> _held = new(StringComparer.Ordinal);

    // Message id → when it was put back without being handed out (ReleaseAsync): nobody holds it.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _putBack = new(StringComparer.Ordinal);

    // Message id → when a hold for it ran out unclaimed and the item went to whoever leased it next.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _givenAway = new(StringComparer.Ordinal);

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
        var now = clock.GetUtcNow();
        if (!LeaseIds.TryParse(work.LeaseId, out var lease) || _putBack.TryRemove(lease.MessageId, out _))
        {
            return false;
        }

        if (_held.TryRemove(lease.MessageId, out _))
        {
            _givenAway[lease.MessageId] = now;
            return false;
        }

        foreach (var stale in _givenAway.Where(g => now - g.Value > GivenAwayMemory))
        {
            _givenAway.TryRemove(stale);
        }

        foreach (var stale in _held.Where(h => now - h.Value.HeldAt > LeaseDuration * 2))
        {
            _held.TryRemove(stale);
        }

        foreach (var stale in _putBack.Where(p => now - p.Value > LeaseDuration * 2))
        {
            _putBack.TryRemove(stale);
        }

        var receipt = await StorageFailure.TranslateAsync(
            () => TryUpdateAsync(serviceId, lease.MessageId, lease.PopReceipt, LeaseDuration, cancellationToken),
            "hold work for its holder");
        if (receipt is null)
        {
            return false;
        }

        _held[lease.MessageId] = new HeldItem(receipt, now);
        return true;
    }

    /// <summary>
    /// Whether the item of <paramref name="leaseId"/> went to another replica after a hold for its holder ran out
    /// unclaimed (as far as this host knows): a renewal of it that fails is then really lost.
    /// </summary>
    public bool WasGivenAway(string leaseId) => LeaseIds.TryParse(leaseId, out var lease) && _givenAway.ContainsKey(lease.MessageId);

    private void NotePutBack(Lease lease) => _putBack[lease.MessageId] = clock.GetUtcNow();

    private HeldItem? TakeHeld(Lease lease) => _held.TryRemove(lease.MessageId, out var held) ? held : null;

    private sealed record HeldItem(string PopReceipt, DateTimeOffset HeldAt);
}
