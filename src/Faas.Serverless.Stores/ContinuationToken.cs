using System.Buffers.Text;
using System.Text.Json;
using Faas.Serverless.Domain.Common;

namespace Faas.Serverless.Stores;

/// <summary>
/// The continuation tokens API callers see: URL-safe base64 of the JSON <c>[nextPartitionKey, nextRowKey]</c>, the
/// format of the tokens handed out before the SDK, so a listing paged across an upgrade goes on. The SDK's own token
/// is the two keys separated by a space (the service's keys are base64-like and hold none).
/// </summary>
internal static class ContinuationToken
{
    /// <summary>The SDK's token for an API token; null or empty means "first page".</summary>
    /// <exception cref="InvalidContinuationTokenException">The token was not handed out by <see cref="FromService"/>.</exception>
    public static string? ToService(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var keys = JsonSerializer.Deserialize<string?[]>(Base64Url.DecodeFromChars(token));
            if (keys is [{ Length: > 0 } partitionKey, var rowKey] && !partitionKey.Contains(' ', StringComparison.Ordinal) && rowKey?.Contains(' ', StringComparison.Ordinal) != true)
            {
                return $"{partitionKey} {rowKey}";
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw Invalid();
        }

        throw Invalid();
    }

    /// <summary>The API token for the SDK's token of the next page; null when the listing ended.</summary>
    public static string? FromService(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var separator = token.IndexOf(' ', StringComparison.Ordinal);
        var partitionKey = separator < 0 ? token : token[..separator];
        var rowKey = separator < 0 || separator == token.Length - 1 ? null : token[(separator + 1)..];
        return Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new[] { partitionKey, rowKey }));
    }

    private static InvalidContinuationTokenException Invalid() =>
        new("continuationToken is not a token returned by a previous page of this listing.");
}
