using System.Globalization;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage;

/// <summary>
/// A lease on one blob, e.g. to elect a single leader among hosts. <see cref="LeaseId"/> follows
/// <see cref="ChangeAsync"/>. Thread-safe.
/// </summary>
public sealed class BlobLeaseClient
{
    private readonly StoragePipeline _pipeline;
    private readonly string _path;
    private volatile string _leaseId;

    internal BlobLeaseClient(StoragePipeline pipeline, string path, string leaseId)
    {
        _pipeline = pipeline;
        _path = path;
        _leaseId = leaseId;
    }

    public string LeaseId => _leaseId;

    /// <summary>
    /// Acquires the lease for 15-60 seconds or <see cref="Timeout.InfiniteTimeSpan"/>. A blob leased by someone
    /// else fails with <see cref="StorageException.IsConflict"/>; re-acquiring our own lease renews it.
    /// </summary>
    public async Task AcquireAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var seconds = duration == Timeout.InfiniteTimeSpan ? -1 : (int)duration.TotalSeconds;
        if (seconds != -1 && (seconds is < 15 or > 60 || duration != TimeSpan.FromSeconds(seconds)))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A lease lasts 15 to 60 whole seconds, or is infinite.");
        }

        await SendAsync("acquire", [("x-ms-lease-duration", Invariant(seconds)), ("x-ms-proposed-lease-id", LeaseId)], cancellationToken).ConfigureAwait(false);
    }

    public Task RenewAsync(CancellationToken cancellationToken = default) =>
        SendAsync("renew", [("x-ms-lease-id", LeaseId)], cancellationToken);

    public Task ReleaseAsync(CancellationToken cancellationToken = default) =>
        SendAsync("release", [("x-ms-lease-id", LeaseId)], cancellationToken);

    public async Task ChangeAsync(string proposedLeaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(proposedLeaseId);
        await SendAsync("change", [("x-ms-lease-id", LeaseId), ("x-ms-proposed-lease-id", proposedLeaseId)], cancellationToken).ConfigureAwait(false);
        _leaseId = proposedLeaseId;
    }

    /// <summary>Ends the lease after <paramref name="breakPeriod"/> (0-60 s; null: the rest of its duration), whoever holds it.</summary>
    public Task BreakAsync(TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        if (breakPeriod is { } period && (period < TimeSpan.Zero || period > TimeSpan.FromSeconds(60)))
        {
            throw new ArgumentOutOfRangeException(nameof(breakPeriod), breakPeriod, "A break period lasts 0 to 60 seconds.");
        }

        return SendAsync("break", breakPeriod is { } value ? [("x-ms-lease-break-period", Invariant((int)value.TotalSeconds))] : [], cancellationToken);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private async Task SendAsync(string action, IEnumerable<(string Name, string Value)> headers, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, _path);
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        foreach (var (name, value) in headers)
        {
            message.Request.Headers.SetValue(name, value);
        }

        await _pipeline.SendCheckedAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
