using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace Faas.Serverless.AzureStorage.Pipeline;

internal static class StorageErrors
{
    /// <summary>
    /// Reads the error code from the x-ms-error-code header, the XML body (Blob, Queue) or the OData JSON body
    /// (Table). HEAD responses have no body, so the header comes first.
    /// </summary>
    public static async Task<StorageException> FromResponseAsync(Response response, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var (code, detail) = ParseBody(body);
        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && headerCode.Length > 0)
        {
            code = headerCode;
        }

        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"Storage request failed with {response.Status} {response.ReasonPhrase}{(code is null ? string.Empty : $" ({code})")}: {detail ?? "no details"}");
        return new StorageException(response.Status, code, message);
    }

    internal static (string? Code, string? Message) ParseBody(string body)
    {
        var trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('<'))
            {
                var root = XDocument.Parse(trimmed).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }

            if (trimmed.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
                    var message = error.TryGetProperty("message", out var messageElement) && messageElement.TryGetProperty("value", out var value)
                        ? value.GetString()
                        : null;
                    return (code, message);
                }
            }
        }
        catch (Exception exception) when (exception is System.Xml.XmlException or JsonException)
        {
            // A proxy or load balancer error page: report the raw text below.
        }

        return (null, trimmed.Length == 0 ? null : trimmed[..Math.Min(trimmed.Length, 500)]);
    }

    private static async Task<string> ReadBodyAsync(Response response, CancellationToken cancellationToken)
    {
        if (response.ContentStream is null)
        {
            return string.Empty;
        }

        using var reader = new StreamReader(response.ContentStream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }
}
