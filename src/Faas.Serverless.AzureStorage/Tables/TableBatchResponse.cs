using System.Globalization;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage.Tables;

/// <summary>Reads the embedded HTTP responses of a <c>$batch</c> multipart response, in order.</summary>
internal static class TableBatchResponse
{
    public static IReadOnlyList<Part> Parse(string body)
    {
        var parts = new List<Part>();
        var lines = body.Split('\n').Select(line => line.TrimEnd('\r')).ToArray();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                continue;
            }

            // A nested multipart response: status line, headers up to a blank line, then the body up to the next boundary.
            var status = int.Parse(lines[i].AsSpan(9, 3), CultureInfo.InvariantCulture);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (i++; i < lines.Length && lines[i].Length > 0; i++)
            {
                var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
                }
            }

            var bodyLines = new List<string>();
            for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
            {
                bodyLines.Add(lines[i]);
            }

            i--;
            parts.Add(new Part(status, headers, string.Join('\n', bodyLines).Trim()));
        }

        return parts;
    }

    /// <summary>
    /// The failing operation's index is the "N:" prefix of the error message (both Azure and Azurite), else its
    /// Content-ID, which we number from 1.
    /// </summary>
    public static TableTransactionFailedException ToException(Part part, int? knownIndex)
    {
        var (code, message) = StorageErrors.ParseBody(part.Body);
        var index = knownIndex ?? IndexFromMessage(message);
        if (index is null && part.Headers.TryGetValue("Content-ID", out var contentId) && int.TryParse(contentId, CultureInfo.InvariantCulture, out var id))
        {
            index = id - 1;
        }

        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"Table transaction failed at operation {(index is null ? "?" : index.Value.ToString(CultureInfo.InvariantCulture))} with {part.Status}{(code is null ? string.Empty : $" ({code})")}: {message ?? "no details"}");
        return new TableTransactionFailedException(part.Status, code, index, description);
    }

    private static int? IndexFromMessage(string? message)
    {
        var colon = message?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    internal sealed record Part(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? ETag => Headers.TryGetValue("ETag", out var etag) ? etag : null;
    }
}
