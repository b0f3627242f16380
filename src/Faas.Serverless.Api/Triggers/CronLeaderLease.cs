using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Api.Triggers;

/// <summary>
/// Leader election among host instances with a lease on one blob. The holder renews every third of the lease; it
/// counts itself leader only until a renewal is overdue, well before the lease could pass to another host.
/// </summary>
internal sealed class CronLeaderLease(BlobContainerClient container, string blobName, TimeSpan duration, TimeProvider clock)
{
    private readonly BlobClient _blob = container.GetBlobClient(blobName);
    // One lease id for the life of this host: acquiring again with it renews the lease.
    private readonly BlobLeaseClient _lease = container.GetBlobClient(blobName).GetBlobLeaseClient();
    private DateTimeOffset? _heldSince;

    /// <summary>How often the leader renews.</summary>
    public TimeSpan RenewInterval => duration / 3;

    public bool IsLeader => _heldSince is { } since && clock.GetUtcNow() - since < duration - RenewInterval;

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await _blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
        {
            // Another host created it first (and may hold its lease).
        }
    }

    /// <summary>
    /// Acquires or renews the lease when due (re-acquiring one's own lease renews it); the container and blob are
    /// created on first use.
    /// </summary>
    /// <returns>Whether this host is the leader now.</returns>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken = default)
    {
        if (IsLeader && clock.GetUtcNow() - _heldSince < RenewInterval)
        {
            return true;
        }

        var attemptedAt = clock.GetUtcNow();
        try
        {
            await _lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            _heldSince = attemptedAt;
        }
        catch (RequestFailedException ex) when (ex.IsConflict())
        {
            _heldSince = null;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            _heldSince = null;
            await CreateAsync(cancellationToken);
        }

        return _heldSince is not null;
    }

    /// <summary>Hands leadership over at once instead of letting the lease run out.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (_heldSince is null)
        {
            return;
        }

        _heldSince = null;
        try
        {
            await _lease.ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsConflict() || ex.IsPreconditionFailed())
        {
            // The lease had already passed to another host.
        }
    }
}
