using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace Faas.Serverless.Api.Auth;

/// <summary>
/// Event Grid SAS tokens, <c>r={resource}&amp;e={expiry}&amp;s={signature}</c>, each part URL-encoded, the signature
/// being HMAC-SHA256 over <c>r=…&amp;e=…</c> keyed with the base64-decoded event key: the format of
/// Azure.Messaging.EventGrid's <c>EventGridSasBuilder.GenerateSas</c>. The resource is an ingress URL; only its path
/// is compared, because proxies and Function App host names change the scheme and host a request arrives with.
/// </summary>
public static class EventSasTokens
{
    /// <summary>The api-version EventGridSasBuilder appends to the resource; kept for tokens to read the same.</summary>
    public const string ApiVersion = "2018-01-01";

    // en-US "G" with the offset, as the SDK writes it under an ICU en-US culture; invariant mode has no en-US to ask.
    private const string ExpiryFormat = "M/d/yyyy h:mm:ss tt zzz";

    public static string Issue(Uri resource, DateTimeOffset expiresOn, string eventKey)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var target = new UriBuilder(resource) { Query = "api-version=" + ApiVersion }.Uri.AbsoluteUri;
        var unsigned = $"r={HttpUtility.UrlEncode(target)}&e={HttpUtility.UrlEncode(expiresOn.ToString(ExpiryFormat, CultureInfo.InvariantCulture))}";
        return $"{unsigned}&s={HttpUtility.UrlEncode(Sign(unsigned, eventKey))}";
    }

    /// <param name="requestPath">The path the token is presented on (path base included).</param>
    /// <returns>Null when the token is good; else why not, for the 401.</returns>
    public static string? Check(string token, string eventKey, string requestPath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(requestPath);
        var signatureAt = token.LastIndexOf("&s=", StringComparison.Ordinal);
        var parts = token.Split('&');
        if (signatureAt < 0 || parts.Length != 3 || !parts[0].StartsWith("r=", StringComparison.Ordinal) || !parts[1].StartsWith("e=", StringComparison.Ordinal))
        {
            return "The SAS token is not of the form r=<resource>&e=<expiry>&s=<signature>.";
        }

        var unsigned = token[..signatureAt];
        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(HttpUtility.UrlDecode(token[(signatureAt + 3)..]));
        }
        catch (FormatException)
        {
            return "The SAS token's signature is not base64.";
        }

        if (!CryptographicOperations.FixedTimeEquals(presented, Convert.FromBase64String(Sign(unsigned, eventKey))))
        {
            return "The SAS token's signature does not match this project's event key.";
        }

        var expiry = HttpUtility.UrlDecode(parts[1][2..]).Replace('\u202F', ' ').Replace('\u00A0', ' ');
        if (!DateTimeOffset.TryParse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiresOn))
        {
            return $"The SAS token's expiry '{expiry}' is not a date and time.";
        }

        if (expiresOn <= now)
        {
            return $"The SAS token expired at {expiresOn.ToUniversalTime():O}.";
        }

        var resource = HttpUtility.UrlDecode(parts[0][2..]);
        return Covers(resource, requestPath) ? null : $"The SAS token is for '{resource}', not for '{requestPath}'.";
    }

    // A token for .../events covers both ingress routes; one for .../events/eventgrid only that route.
    private static bool Covers(string resource, string requestPath)
    {
        if (!Uri.TryCreate(resource, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        var request = requestPath.TrimEnd('/');
        var parent = request[..Math.Max(0, request.LastIndexOf('/'))];
        return path.Length > 0 && (path.Equals(request, StringComparison.OrdinalIgnoreCase) || path.Equals(parent, StringComparison.OrdinalIgnoreCase));
    }

    private static string Sign(string unsigned, string eventKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(eventKey), Encoding.UTF8.GetBytes(unsigned)));
}
