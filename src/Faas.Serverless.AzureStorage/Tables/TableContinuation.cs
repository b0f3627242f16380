using System.Buffers.Text;
using System.Text.Json;

namespace Faas.Serverless.AzureStorage;

/// <summary>
/// Where the next page of a table query starts. <see cref="NextRowKey"/> can be absent: the service then
/// continues at the start of <see cref="NextPartitionKey"/>.
/// </summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey)
{
    /// <summary>An opaque, URL-safe token to hand to API callers.</summary>
    public string ToToken()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { NextPartitionKey, NextRowKey });
        return Base64Url.EncodeToString(json);
    }

    /// <summary>Parses a token from <see cref="ToToken"/>; null or empty means "first page".</summary>
    /// <exception cref="FormatException">The token was not produced by <see cref="ToToken"/>.</exception>
    public static TableContinuation? FromToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var keys = JsonSerializer.Deserialize<string?[]>(Base64Url.DecodeFromChars(token));
            if (keys is [{ } partitionKey, var rowKey])
            {
                return new TableContinuation(partitionKey, rowKey);
            }
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            throw new FormatException("The continuation token is invalid.", exception);
        }

        throw new FormatException("The continuation token is invalid.");
    }
}
