using System.Text.Json.Serialization;

namespace Faas.Serverless.Orchestrations.Executions;

[JsonConverter(typeof(JsonStringEnumConverter<TimerKind>))]
public enum TimerKind
{
    /// <summary>The backoff after a failed attempt is over: dispatch the next attempt.</summary>
    [JsonStringEnumMemberName("retry")]
    Retry,

    /// <summary>The runner never confirmed a termination request: end the execution as terminated anyway.</summary>
    [JsonStringEnumMemberName("termination-grace")]
    TerminationGrace,
}
