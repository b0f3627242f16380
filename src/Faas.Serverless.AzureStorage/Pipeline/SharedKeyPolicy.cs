using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Faas.Serverless.AzureStorage.Pipeline;

/// <summary>
/// Blob and Queue SharedKey authorization. Runs per retry, after every other header is set, because the
/// signature covers the date and all x-ms-* headers.
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    private static readonly string[] SignedHeaders =
    [
        "Content-Encoding", "Content-Language", "Content-Length", "Content-MD5", "Content-Type", "Date",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Unmodified-Since", "Range",
    ];

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        var signature = Sign(accountKey, BuildStringToSign(request, accountName));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    internal static string Sign(byte[] key, string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    internal static string BuildStringToSign(Request request, string accountName)
    {
        var builder = new StringBuilder();
        builder.Append(request.Method.Method).Append('\n');
        foreach (var header in SignedHeaders)
        {
            builder.Append(StandardHeaderValue(request, header)).Append('\n');
        }

        var canonicalHeaders = request.Headers
            .Where(header => header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(header => (Name: header.Name.ToLowerInvariant(), Value: header.Value.Trim()))
            .OrderBy(header => header.Name, StringComparer.Ordinal);
        foreach (var (name, value) in canonicalHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        var uri = request.Uri.ToUri();
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var (name, value) in QueryParameters.Parse(uri.Query).OrderBy(parameter => parameter.Name, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(name).Append(':').Append(value);
        }

        return builder.ToString();
    }

    private static string StandardHeaderValue(Request request, string header)
    {
        if (header == "Content-Length")
        {
            // Since 2015-02-21 a zero length is signed as an empty string.
            return request.Content is not null && request.Content.TryComputeLength(out var length) && length > 0
                ? length.ToString(CultureInfo.InvariantCulture)
                : string.Empty;
        }

        return request.Headers.TryGetValue(header, out var value) ? value : string.Empty;
    }
}
