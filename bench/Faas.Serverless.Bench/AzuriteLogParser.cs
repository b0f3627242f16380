using System.Text.RegularExpressions;

namespace Faas.Serverless.Bench;

/// <summary>One storage request as Azurite's <c>--debug</c> log names it; <see cref="Mark"/> names a bench marker request.</summary>
internal sealed record StorageRequest(DateTimeOffset Timestamp, string Service, string Operation, string? Mark = null);

/// <summary>
/// Azurite writes exactly one "&lt;Service&gt;StorageContextMiddleware: RequestMethod=... RequestURL=..." line per
/// request it receives (before authentication and dispatch), so counting those lines counts requests.
/// </summary>
internal static partial class AzuriteLogParser
{
    [GeneratedRegex(@"^(?<time>\S+) \S* ?info: (?<service>Blob|Queue|Table)StorageContextMiddleware: RequestMethod=(?<method>[A-Z]+) RequestURL=(?<url>\S+)")]
    private static partial Regex RequestLine();

    public static StorageRequest? Parse(string line)
    {
        var match = RequestLine().Match(line);
        if (!match.Success || !DateTimeOffset.TryParse(match.Groups["time"].Value, System.Globalization.CultureInfo.InvariantCulture, out var time))
        {
            return null;
        }

        var service = match.Groups["service"].Value.ToLowerInvariant();
        var method = match.Groups["method"].Value;
        var path = Uri.UnescapeDataString(new Uri(match.Groups["url"].Value).AbsolutePath);
        var mark = service == "table" && path.IndexOf(AzuriteMarks.Prefix, StringComparison.Ordinal) is var at and >= 0
            ? new string([.. path[(at + AzuriteMarks.Prefix.Length)..].TakeWhile(char.IsAsciiLetterOrDigit)])
            : null;
        return new StorageRequest(time, service, $"{method} {Shape(service, method, path)}", mark);
    }

    /// <summary>What the URL addresses, without names or keys, so requests group by kind.</summary>
    internal static string Shape(string service, string method, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.Length > 1 ? Uri.UnescapeDataString(segments[^1]) : string.Empty;
        return service switch
        {
            "table" when last == "$batch" => "$batch",
            "table" when last.StartsWith("Tables", StringComparison.Ordinal) => "tables",
            "table" when last.Contains("PartitionKey=", StringComparison.Ordinal) => "entity",
            // A POST to a table itself inserts an entity (Durable Task's instance rows); only a GET there is a query.
            "table" => method == "GET" ? "query" : "entity",
            "queue" when segments.Length >= 4 && segments[2] == "messages" => "message",
            "queue" when last == "messages" => "messages",
            "queue" => segments.Length >= 2 ? "queue" : "account",
            _ => segments.Length switch
            {
                <= 1 => "account",
                2 => "container",
                _ => "blob",
            },
        };
    }

    public static IReadOnlyList<StorageRequest> ParseAll(IEnumerable<string> lines) =>
        lines.Select(Parse).OfType<StorageRequest>().ToList();
}
