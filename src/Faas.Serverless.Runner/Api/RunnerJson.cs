using System.Text.Json;
using System.Text.Json.Serialization;
using Faas.Serverless.Runner.Worker;

namespace Faas.Serverless.Runner.Api;

/// <summary>Source-generated JSON for the host API and the worker protocol: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(RunnerSpec))]
[JsonSerializable(typeof(RunnerSecrets))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(LeaseResponse))]
[JsonSerializable(typeof(RenewRequest))]
[JsonSerializable(typeof(RenewResponse))]
[JsonSerializable(typeof(WatchRequest))]
[JsonSerializable(typeof(WatchResponse))]
[JsonSerializable(typeof(EventsRequest))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(RunnerEvent))]
[JsonSerializable(typeof(ReplicaStateReport))]
[JsonSerializable(typeof(WorkerMessage))]
[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(InvokeRequest))]
[JsonSerializable(typeof(TerminateRequest))]
[JsonSerializable(typeof(ShutdownRequest))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class RunnerJson : JsonSerializerContext
{
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>A JSON <c>null</c> that is written as <c>null</c> (a C# null would be omitted).</summary>
    public static JsonElement Null => NullElement;
}
