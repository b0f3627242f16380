using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Faas.Serverless.Runner.Work;

/// <summary>
/// Event ids that sort in the order this process created them. The host keys log lines by their timestamp and
/// then their event id, and the worker stamps lines to the millisecond: hundreds of lines printed within one
/// millisecond keep their printed order only because their ids do. The random part keeps two agents (an attempt
/// run again elsewhere) from ever issuing the same id.
/// </summary>
internal static partial class EventIds
{
    private static readonly string ProcessPrefix =
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static long _sequence;

    /// <summary>An id this agent, or an earlier one that issued uuids, may have issued: safe as a file name.</summary>
    public static bool IsWellFormed(string eventId) =>
        Shape().IsMatch(eventId) || (Guid.TryParse(eventId, out var id) && id.ToString() == eventId);

    public static string Next() =>
        string.Create(CultureInfo.InvariantCulture, $"{ProcessPrefix}-{Interlocked.Increment(ref _sequence):D12}");

    [GeneratedRegex("^[0-9a-f]{20}-[0-9]{12}$")]
    private static partial Regex Shape();
}
