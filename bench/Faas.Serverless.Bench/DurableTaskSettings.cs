using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.AzureStorage;

namespace Faas.Serverless.Bench;

/// <summary>
/// The platform's Durable Task settings, host.json <c>extensions.durableTask</c> in Durable Functions' shape, so the bare
/// Durable Task run works under the very settings the platform's executions do. Keys the bench does not map are kept
/// in <see cref="NotApplied"/> and shown beside the results rather than silently dropped.
/// </summary>
internal sealed record DurableTaskSettings(
    string HubName,
    int MaxConcurrentActivities,
    int MaxConcurrentOrchestrations,
    bool ExtendedSessionsEnabled,
    int PartitionCount,
    int ControlQueueBatchSize,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout,
    TimeSpan MaxQueuePollingInterval,
    IReadOnlyList<string> NotApplied)
{
    private static readonly string[] TopKeys = ["hubName", "maxConcurrentActivityFunctions", "maxConcurrentOrchestratorFunctions", "extendedSessionsEnabled", "storageProvider"];
    private static readonly string[] ProviderKeys = ["partitionCount", "controlQueueBatchSize", "controlQueueVisibilityTimeout", "workItemQueueVisibilityTimeout", "maxQueuePollingInterval"];

    public static async Task<DurableTaskSettings> ReadAsync(string hostJsonPath, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(hostJsonPath, cancellationToken));

    public static DurableTaskSettings Parse(string hostJson)
    {
        var root = JsonNode.Parse(hostJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var block = root?["extensions"]?["durableTask"] as JsonObject
            ?? throw new InvalidOperationException("host.json has no extensions.durableTask block: the bare Durable Task run takes the platform's settings from it.");
        var provider = block["storageProvider"] as JsonObject ?? [];
        var notApplied = block.Select(p => p.Key).Except(TopKeys, StringComparer.Ordinal)
            .Concat(provider.Select(p => p.Key).Except(ProviderKeys, StringComparer.Ordinal).Select(k => "storageProvider." + k))
            .ToList();
        return new DurableTaskSettings(
            Required(block, "hubName").GetValue<string>(),
            Required(block, "maxConcurrentActivityFunctions").GetValue<int>(),
            Required(block, "maxConcurrentOrchestratorFunctions").GetValue<int>(),
            block["extendedSessionsEnabled"]?.GetValue<bool>() ?? false,
            Required(provider, "storageProvider.partitionCount").GetValue<int>(),
            Required(provider, "storageProvider.controlQueueBatchSize").GetValue<int>(),
            Duration(provider, "storageProvider.controlQueueVisibilityTimeout"),
            Duration(provider, "storageProvider.workItemQueueVisibilityTimeout"),
            Duration(provider, "storageProvider.maxQueuePollingInterval"),
            notApplied);
    }

    /// <summary>The service settings of a task hub of the bench's own, on the storage of <paramref name="connectionString"/>.</summary>
    public AzureStorageOrchestrationServiceSettings ToServiceSettings(string connectionString, string hubName) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
        TaskHubName = hubName,
        PartitionCount = PartitionCount,
        ControlQueueBatchSize = ControlQueueBatchSize,
        ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
        MaxQueuePollingInterval = MaxQueuePollingInterval,
        MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivities,
        MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestrations,
        ExtendedSessionsEnabled = ExtendedSessionsEnabled,
    };

    /// <summary>The applied settings as host.json names them, for the result file.</summary>
    public IReadOnlyDictionary<string, string> Applied() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["maxConcurrentActivityFunctions"] = MaxConcurrentActivities.ToString(CultureInfo.InvariantCulture),
        ["maxConcurrentOrchestratorFunctions"] = MaxConcurrentOrchestrations.ToString(CultureInfo.InvariantCulture),
        ["extendedSessionsEnabled"] = ExtendedSessionsEnabled ? "true" : "false",
        ["storageProvider.partitionCount"] = PartitionCount.ToString(CultureInfo.InvariantCulture),
        ["storageProvider.controlQueueBatchSize"] = ControlQueueBatchSize.ToString(CultureInfo.InvariantCulture),
        ["storageProvider.controlQueueVisibilityTimeout"] = ControlQueueVisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["storageProvider.workItemQueueVisibilityTimeout"] = WorkItemQueueVisibilityTimeout.ToString("c", CultureInfo.InvariantCulture),
        ["storageProvider.maxQueuePollingInterval"] = MaxQueuePollingInterval.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary><paramref name="path"/> is the key below extensions.durableTask; its last segment is looked up in <paramref name="block"/>.</summary>
    private static JsonNode Required(JsonObject block, string path) =>
        block[path.Split('.')[^1]] ?? throw new InvalidOperationException($"host.json extensions.durableTask has no '{path}'.");

    private static TimeSpan Duration(JsonObject block, string path) =>
        TimeSpan.Parse(Required(block, path).GetValue<string>(), CultureInfo.InvariantCulture);
}
