using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class DurableTaskSettingsTests
{
    private const string HostJson = """
        {
          "version": "2.0",
          "extensions": {
            "faas": { "queues": { "batchSize": 32 } },
            // Comments are allowed in host.json.
            "durableTask": {
              "hubName": "faas",
              "maxConcurrentActivityFunctions": 64,
              "maxConcurrentOrchestratorFunctions": 48,
              "extendedSessionsEnabled": false,
              "storageProvider": {
                "partitionCount": 2,
                "controlQueueBatchSize": 32,
                "controlQueueVisibilityTimeout": "00:00:20",
                "workItemQueueVisibilityTimeout": "00:00:25",
                "maxQueuePollingInterval": "00:00:02"
              }
            }
          }
        }
        """;

    [Fact]
    public void Parse_DurableTaskBlock_EverySetting()
    {
        var settings = DurableTaskSettings.Parse(HostJson);

        Assert.Equal("faas", settings.HubName);
        Assert.Equal(64, settings.MaxConcurrentActivities);
        Assert.Equal(48, settings.MaxConcurrentOrchestrations);
        Assert.False(settings.ExtendedSessionsEnabled);
        Assert.Equal(2, settings.PartitionCount);
        Assert.Equal(32, settings.ControlQueueBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxQueuePollingInterval);
        Assert.Empty(settings.NotApplied);
        Assert.Equal("00:00:25", settings.Applied()["storageProvider.workItemQueueVisibilityTimeout"]);
    }

    [Fact]
    public void Parse_KeysTheBenchDoesNotMap_ListedAsNotApplied()
    {
        var json = HostJson.Replace("\"partitionCount\": 2,", "\"partitionCount\": 2, \"leaseInterval\": \"00:00:10\",", StringComparison.Ordinal)
            .Replace("\"hubName\": \"faas\",", "\"hubName\": \"faas\", \"tracing\": {},", StringComparison.Ordinal);

        var settings = DurableTaskSettings.Parse(json);

        Assert.Equal(["tracing", "storageProvider.leaseInterval"], settings.NotApplied.ToArray());
    }

    [Fact]
    public void Parse_NoDurableTaskBlock_ThrowsNamingIt()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DurableTaskSettings.Parse("""{"extensions": {"faas": {}}}"""));

        Assert.Contains("extensions.durableTask", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingProviderSetting_ThrowsNamingItsPath()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DurableTaskSettings.Parse(HostJson.Replace("\"partitionCount\": 2,", "", StringComparison.Ordinal)));

        Assert.Contains("'storageProvider.partitionCount'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_RepositoryHostJson_EverySettingApplied()
    {
        var settings = await DurableTaskSettings.ReadAsync(Path.Combine(RepositoryRoot.Find(), "host.json"));

        Assert.Empty(settings.NotApplied);
        Assert.NotEqual(BareDurableTaskBench.HubName, settings.HubName, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToServiceSettings_Settings_OnTheBenchsOwnHub()
    {
        var service = DurableTaskSettings.Parse(HostJson).ToServiceSettings("UseDevelopmentStorage=true", "baredt");

        Assert.Equal("baredt", service.TaskHubName);
        Assert.Equal(2, service.PartitionCount);
        Assert.Equal(32, service.ControlQueueBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(20), service.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(25), service.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), service.MaxQueuePollingInterval);
        Assert.Equal(64, service.MaxConcurrentTaskActivityWorkItems);
        Assert.Equal(48, service.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.False(service.ExtendedSessionsEnabled);
        Assert.NotNull(service.StorageAccountClientProvider);
    }
}
