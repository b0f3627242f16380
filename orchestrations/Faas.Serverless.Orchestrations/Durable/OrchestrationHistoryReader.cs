using System.Globalization;
using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core.History;

namespace Faas.Serverless.Orchestrations.Durable;

/// <summary>Reads an instance's status and history from the task hub, for debugging views of an execution.</summary>
public sealed class OrchestrationHistoryReader
{
    private readonly AzureStorageOrchestrationService _service;

    internal OrchestrationHistoryReader(AzureStorageOrchestrationService service) => _service = service;

    /// <summary>The instance's status and history events in the order they happened; null when no such instance exists.</summary>
    public async Task<OrchestrationView?> ReadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        var states = await _service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: false);
        if (states is not { Count: > 0 })
        {
            return null;
        }

        var state = states[0];
        cancellationToken.ThrowIfCancellationRequested();
        var history = await _service.GetOrchestrationHistoryAsync(instanceId, state.OrchestrationInstance.ExecutionId);
        return new OrchestrationView(
            instanceId,
            state.Name,
            AzureStorageDurableTaskClient.FromCore(state.OrchestrationStatus).ToString(),
            new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            state.Status,
            state.Output,
            ParseHistory(history));
    }

    /// <summary>
    /// The backend hands history out as DurableTask.Core's Newtonsoft JSON of its event classes (event types as
    /// numbers, property names as declared); reading it here keeps those classes out of our surface.
    /// </summary>
    internal static List<OrchestrationHistoryEvent> ParseHistory(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(ParseEvent)];
    }

    private static OrchestrationHistoryEvent ParseEvent(JsonElement item)
    {
        var type = item.GetProperty("EventType") is { ValueKind: JsonValueKind.Number } number
            ? ((EventType)number.GetInt32()).ToString()
            : item.GetProperty("EventType").GetString() ?? "Unknown";
        return new OrchestrationHistoryEvent(
            type,
            Int(item, "EventId") ?? -1,
            Time(item, "Timestamp") ?? DateTimeOffset.MinValue,
            Text(item, "Name"),
            Text(item, "Input"),
            Text(item, "Result"),
            Int(item, "TaskScheduledId"),
            Time(item, "FireAt"),
            Failure(item));
    }

    private static string? Failure(JsonElement item) =>
        item.TryGetProperty("FailureDetails", out var details) && details.ValueKind == JsonValueKind.Object
            ? $"{Text(details, "ErrorType")}: {Text(details, "ErrorMessage")}"
            : Text(item, "Reason");

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;

    private static DateTimeOffset? Time(JsonElement item, string name) =>
        Text(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
}
