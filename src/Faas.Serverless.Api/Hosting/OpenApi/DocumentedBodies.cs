using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Serverless.Domain.Packages;

namespace Faas.Serverless.Api.Hosting.OpenApi;

/// <summary>
/// A package push as the document describes it: multipart/form-data whose <c>schema</c> part is the package JSON
/// (an object part, so application/json) and whose <c>codebase</c> part is the zip. <c>PackageUpload</c> reads the
/// parts itself, streaming the zip to disk, so no handler binds this type.
/// </summary>
public sealed record PackagePushForm(PackageSchemaInput Schema, IFormFile Codebase);

/// <summary>One Event Grid event (application/json, an array of them); <c>EventGridReader</c> reads it with Azure.Messaging.EventGrid.</summary>
/// <param name="EventType">The resource and action, e.g. <c>Item.Created</c> (optionally prefixed <c>Faas.</c>).</param>
/// <param name="Data">The resource JSON: an object with a non-empty string <c>id</c>.</param>
public sealed record EventGridEventBody(string Id, string Subject, string EventType, DateTimeOffset EventTime, string DataVersion, JsonElement Data, string? Topic = null);

/// <summary>One CloudEvent 1.0 in structured mode (application/cloudevents+json; a batch is an array of them).</summary>
/// <param name="Type">The resource and action, e.g. <c>Item.Created</c>.</param>
/// <param name="Data">The resource JSON: an object with a non-empty string <c>id</c>.</param>
/// <param name="FaasActor">Who caused the event, for loop protection (default: the caller).</param>
/// <param name="FaasChainDepth">How many triggers led to this event, for loop protection (default 0).</param>
public sealed record CloudEventBody(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("data")] JsonElement Data,
    [property: JsonPropertyName("time")] DateTimeOffset? Time = null,
    [property: JsonPropertyName("datacontenttype")] string? DataContentType = null,
    [property: JsonPropertyName("faasactor")] string? FaasActor = null,
    [property: JsonPropertyName("faaschaindepth")] int? FaasChainDepth = null);
