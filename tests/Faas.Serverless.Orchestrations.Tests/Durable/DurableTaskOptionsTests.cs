using Faas.Serverless.Orchestrations.Durable;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Orchestrations.Tests.Durable;

public sealed class DurableTaskOptionsTests
{
    [Theory]
    [InlineData("hubName", "1hub", "durableTask.hubName")]
    [InlineData("hubName", "ab", "durableTask.hubName")]
    [InlineData("hubName", "my-hub", "durableTask.hubName")]
    [InlineData("storageProvider:partitionCount", "17", "durableTask.storageProvider.partitionCount")]
    [InlineData("storageProvider:partitionCount", "0", "durableTask.storageProvider.partitionCount")]
    [InlineData("storageProvider:controlQueueVisibilityTimeout", "00:00:01", "durableTask.storageProvider.controlQueueVisibilityTimeout")]
    [InlineData("storageProvider:leaseAcquireInterval", "00:00:30", "durableTask.storageProvider.leaseAcquireInterval")]
    public void Value_BadSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        var options = Options(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_HostJsonShape_BindsEverySetting()
    {
        var options = Options(new()
        {
            ["hubName"] = "faasHub1",
            ["maxConcurrentActivityFunctions"] = "8",
            ["maxConcurrentOrchestratorFunctions"] = "9",
            ["extendedSessionsEnabled"] = "true",
            ["storageProvider:partitionCount"] = "4",
            ["storageProvider:controlQueueBatchSize"] = "16",
            ["storageProvider:controlQueueVisibilityTimeout"] = "00:00:30",
            ["storageProvider:workItemQueueVisibilityTimeout"] = "00:00:40",
            ["storageProvider:maxQueuePollingInterval"] = "00:00:01",
            ["storageProvider:leaseInterval"] = "00:00:12",
        }).Value;

        Assert.Equal("faasHub1", options.HubName);
        Assert.Equal(8, options.MaxConcurrentActivityFunctions);
        Assert.Equal(9, options.MaxConcurrentOrchestratorFunctions);
        Assert.True(options.ExtendedSessionsEnabled);
        Assert.Equal(4, options.StorageProvider.PartitionCount);
        Assert.Equal(16, options.StorageProvider.ControlQueueBatchSize);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StorageProvider.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(40), options.StorageProvider.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.StorageProvider.MaxQueuePollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(12), options.StorageProvider.LeaseInterval);
    }

    /// <summary>A dead host's partitions are free after one lease interval plus one acquire tick: the 30 s recovery goal.</summary>
    [Fact]
    public void Defaults_LeaseTiming_HandsADeadHostsPartitionsOverWellUnder30Seconds()
    {
        var defaults = new AzureStorageProviderOptions();

        Assert.True(defaults.LeaseInterval + defaults.LeaseAcquireInterval <= TimeSpan.FromSeconds(20));
        Assert.True(defaults.ControlQueueVisibilityTimeout <= TimeSpan.FromSeconds(20));
        Assert.True(defaults.WorkItemQueueVisibilityTimeout <= TimeSpan.FromSeconds(20));
    }

    private static IOptions<DurableTaskOptions> Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .AddInMemoryCollection(settings.ToDictionary(setting => $"{DurableTaskOptions.Section}:{setting.Key}", setting => setting.Value))
            .Build();
        return new ServiceCollection().AddLogging().AddDurableTask(configuration).BuildServiceProvider().GetRequiredService<IOptions<DurableTaskOptions>>();
    }
}
