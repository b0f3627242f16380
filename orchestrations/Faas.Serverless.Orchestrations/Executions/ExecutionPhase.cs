using System.Text.Json.Serialization;

namespace Faas.Serverless.Orchestrations.Executions;

/// <summary>
/// Where the current attempt stands. <see cref="ExecutionStatus"/> alone cannot tell a queued attempt from a
/// failed one waiting for its retry (both show <c>created</c>), and the handlers must.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExecutionPhase>))]
public enum ExecutionPhase
{
    /// <summary>Dispatched to the service's work queue; no runner has reported it started.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>The attempt failed; the next one is dispatched when the retry timer fires.</summary>
    [JsonStringEnumMemberName("retry-pending")]
    RetryPending,

    [JsonStringEnumMemberName("finished")]
    Finished,
}
