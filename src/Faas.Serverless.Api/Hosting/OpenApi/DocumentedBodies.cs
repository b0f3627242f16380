using System.Text.Json;
using System.Text.Json.Serialization;

namespace Faas.Serverless.Api.Hosting.OpenApi;

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
