using System.Globalization;
using Azure;
using Azure.Core;

namespace Faas.Serverless.AzureStorage.Blobs;

internal static class BlobHeaders
{
    private const string MetadataPrefix = "x-ms-meta-";

    public static BlobProperties PropertiesOf(Response response) => new(
        Required(response, "ETag"),
        LastModifiedOf(response),
        response.Headers.TryGetValue("Content-Length", out var length) ? long.Parse(length, CultureInfo.InvariantCulture) : 0,
        response.Headers.TryGetValue("Content-Type", out var contentType) ? contentType : null,
        MetadataOf(response),
        response.Headers.TryGetValue("x-ms-lease-state", out var leaseState) ? leaseState : null);

    public static DateTimeOffset LastModifiedOf(Response response) =>
        DateTimeOffset.ParseExact(Required(response, "Last-Modified"), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string Required(Response response, string header) =>
        response.Headers.TryGetValue(header, out var value) ? value : throw new StorageException(response.Status, null, $"The blob service returned no {header} header.");

    public static void AddConditions(Request request, string? ifMatch, string? ifNoneMatch, string? leaseId)
    {
        if (ifMatch is not null)
        {
            request.Headers.SetValue("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.SetValue("If-None-Match", ifNoneMatch);
        }

        if (leaseId is not null)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    public static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            // Header names and values must be ASCII; the service additionally wants identifier-like, case-insensitive names.
            if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new ArgumentException($"Metadata name '{name}' must be a C# identifier.", nameof(metadata));
            }

            if (!names.Add(name))
            {
                throw new ArgumentException($"Metadata name '{name}' appears twice (names are case-insensitive).", nameof(metadata));
            }

            if (value is null || !value.All(c => c is >= ' ' and <= '~'))
            {
                throw new ArgumentException($"Metadata value of '{name}' must be printable ASCII.", nameof(metadata));
            }
        }
    }

    public static void AddMetadata(Request request, IReadOnlyDictionary<string, string>? metadata)
    {
        foreach (var (name, value) in metadata ?? new Dictionary<string, string>())
        {
            request.Headers.SetValue(MetadataPrefix + name, value);
        }
    }

    private static Dictionary<string, string> MetadataOf(Response response)
    {
        // Metadata names are case-insensitive in the service.
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith(MetadataPrefix, StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name[MetadataPrefix.Length..]] = header.Value;
            }
        }

        return metadata;
    }
}
