using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Faas.Serverless.Orchestrations.Work;

/// <summary>What a lease id stands for: the queue message, its current pop receipt and the attempt it carries.</summary>
public sealed record Lease(string MessageId, string PopReceipt, string ExecutionId, int Attempt)
{
    public string Id => LeaseIds.Create(this);
}

/// <summary>
/// Lease ids are opaque to runners. Each renewal yields a new pop receipt and so a new lease id; the old one
/// stops working, which is what fences a stalled replica. Carrying the attempt lets the host answer "should this
/// be terminated?" without another lookup.
/// </summary>
public static class LeaseIds
{
    public static string Create(Lease lease) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', lease.MessageId, lease.PopReceipt, lease.ExecutionId, lease.Attempt.ToString(CultureInfo.InvariantCulture))));

    public static bool TryParse(string? leaseId, out Lease lease)
    {
        lease = null!;
        if (string.IsNullOrEmpty(leaseId) || !Base64Url.IsValid(leaseId))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(leaseId)).Split('\n');
        if (parts.Length != 4 || parts.Take(3).Any(string.IsNullOrEmpty) || !int.TryParse(parts[3], CultureInfo.InvariantCulture, out var attempt))
        {
            return false;
        }

        lease = new Lease(parts[0], parts[1], parts[2], attempt);
        return true;
    }
}
