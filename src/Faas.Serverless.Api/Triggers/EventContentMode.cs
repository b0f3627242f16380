namespace Faas.Serverless.Api.Triggers;

/// <summary>How a request carried its events; a 400 names the mode it detected, so a sender sees what was read.</summary>
public enum EventContentMode
{
    /// <summary>One CloudEvent as a JSON object (application/cloudevents+json, or application/json with an object).</summary>
    Structured,

    /// <summary>CloudEvent attributes in <c>ce-*</c> headers, the data as the body.</summary>
    Binary,

    /// <summary>A JSON array of CloudEvents (application/cloudevents-batch+json, or application/json with an array).</summary>
    Batch,

    /// <summary>The Event Grid schema: a JSON array of Event Grid events.</summary>
    EventGrid,
}
