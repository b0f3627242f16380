using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.Core;
using CloudNative.CloudEvents.Http;
using CloudNative.CloudEvents.SystemTextJson;
using Faas.Serverless.Domain.Validation;

namespace Faas.Serverless.Api.Triggers;

/// <summary>
/// Reads the CloudEvents of a request in any HTTP content mode with the CloudEvents SDK's JSON formatter: what its
/// ASP.NET Core package would do, which the feed does not serve. A batch is decoded event by event so that an error
/// names the event's index. The whole request is checked before anything fires.
/// </summary>
internal static class CloudEventReader
{
    private const string SpecVersionHeader = "ce-specversion";
    private static readonly JsonEventFormatter Formatter = new();
    private static readonly ContentType StructuredType = new(MimeUtilities.MediaType + "+json");

    /// <summary>CloudEvents media types, binary mode (any body, here JSON), or plain JSON told apart by its body.</summary>
    public static bool IsReadable(HttpRequest request) =>
        request.Headers.ContainsKey(SpecVersionHeader)
        || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;

    /// <exception cref="InvalidEventsException">Any event is malformed or not a resource event.</exception>
    public static async Task<IReadOnlyList<ResourceEvent>> ReadAsync(HttpRequest request, string caller, int maxEvents, CancellationToken cancellationToken = default)
    {
        var contentType = request.ContentType;
        EventContentMode? declared = contentType switch
        {
            _ when MimeUtilities.IsCloudEventsBatchContentType(contentType) => EventContentMode.Batch,
            _ when MimeUtilities.IsCloudEventsContentType(contentType) => EventContentMode.Structured,
            _ when request.Headers.ContainsKey(SpecVersionHeader) => EventContentMode.Binary,
            _ => null,
        };
        var body = await ReadBodyAsync(request, cancellationToken);
        var errors = new ValidationErrors();
        var events = new List<ResourceEvent>();
        if (declared == EventContentMode.Binary)
        {
            Add(events, Binary(request, body, errors), caller, string.Empty, errors);
            return Checked(events, EventContentMode.Binary, errors);
        }

        using var document = ParseJson(body, declared ?? EventContentMode.Structured);
        var root = document.RootElement;
        var mode = declared ?? (root.ValueKind == JsonValueKind.Array ? EventContentMode.Batch : EventContentMode.Structured);
        if (mode == EventContentMode.Batch && root.ValueKind == JsonValueKind.Array && root.GetArrayLength() is > 0 and var count && count <= maxEvents)
        {
            var index = 0;
            foreach (var item in root.EnumerateArray())
            {
                var path = $"[{index++}].";
                Add(events, Structured(item, path, errors), caller, path, errors);
            }
        }
        else if (mode == EventContentMode.Structured && root.ValueKind == JsonValueKind.Object)
        {
            Add(events, Structured(root, string.Empty, errors), caller, string.Empty, errors);
        }
        else
        {
            errors.Add("body", $"Send one CloudEvent as a JSON object (application/cloudevents+json), 1 to {maxEvents} as an array (application/cloudevents-batch+json), or one in binary mode (ce-* headers, the resource JSON as the body).");
        }

        return Checked(events, mode, errors);
    }

    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body, EventContentMode mode)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            var errors = new ValidationErrors();
            errors.Add("body", $"The body is not valid JSON: {ex.Message}");
            throw new InvalidEventsException(mode, errors);
        }
    }

    private static List<ResourceEvent> Checked(List<ResourceEvent> events, EventContentMode mode, ValidationErrors errors) =>
        errors.IsEmpty ? events : throw new InvalidEventsException(mode, errors);

    private static void Add(List<ResourceEvent> events, CloudEvent? cloudEvent, string caller, string path, ValidationErrors errors)
    {
        if (cloudEvent is not null && ResourceEvents.Create(EventSchema.CloudEvents, cloudEvent, caller, path, errors) is { } resourceEvent)
        {
            events.Add(resourceEvent);
        }
    }

    private static CloudEvent? Structured(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(path.Length == 0 ? "body" : path[..^1], "Each event is a JSON object.");
            return null;
        }

        // The SDK reports one missing attribute at a time, and none without specversion: list them all.
        var missing = new[] { CloudEventsSpecVersion.SpecVersionAttribute }.Concat(CloudEventsSpecVersion.V1_0.RequiredAttributes)
            .Where(attribute => !item.TryGetProperty(attribute.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            .ToList();
        foreach (var attribute in missing)
        {
            errors.Add(path + attribute.Name, $"{attribute.Name} is required by CloudEvents 1.0.");
        }

        var decode = () => Formatter.DecodeStructuredModeMessage(JsonSerializer.SerializeToUtf8Bytes(item), StructuredType, ResourceEvents.KnownExtensions);
        return missing.Count == 0 ? Decode(decode, path, path.Length == 0 ? "body" : path[..^1], errors) : null;
    }

    private static CloudEvent? Binary(HttpRequest request, ReadOnlyMemory<byte> body, ValidationErrors errors)
    {
        var versionId = HttpUtilities.DecodeHeaderValue(request.Headers[SpecVersionHeader].ToString());
        if (CloudEventsSpecVersion.FromVersionId(versionId) is not { } version)
        {
            errors.Add(SpecVersionHeader, $"specversion '{versionId}' is not supported; send 1.0.");
            return null;
        }

        var missing = version.RequiredAttributes.Where(attribute => !request.Headers.ContainsKey("ce-" + attribute.Name)).ToList();
        foreach (var attribute in missing)
        {
            errors.Add("ce-" + attribute.Name, $"The ce-{attribute.Name} header is required by CloudEvents 1.0 in binary mode.");
        }

        return missing.Count > 0 ? null : Decode(
            () =>
            {
                var cloudEvent = new CloudEvent(version, ResourceEvents.KnownExtensions);
                foreach (var (name, value) in request.Headers)
                {
                    if (HttpUtilities.GetAttributeNameFromHeaderName(name) is { } attribute && attribute != CloudEventsSpecVersion.SpecVersionAttribute.Name)
                    {
                        cloudEvent.SetAttributeFromString(attribute, HttpUtilities.DecodeHeaderValue(value.ToString()));
                    }
                }

                cloudEvent.DataContentType = request.ContentType;
                Formatter.DecodeBinaryModeEventData(body, cloudEvent);
                return cloudEvent.Validate();
            },
            "ce-",
            "body",
            errors);
    }

    private static CloudEvent? Decode(Func<CloudEvent> decode, string path, string fallback, ValidationErrors errors)
    {
        try
        {
            return decode();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
        {
            InvalidEventsException.AddLibraryError(errors, path, fallback, ex);
            return null;
        }
    }
}
