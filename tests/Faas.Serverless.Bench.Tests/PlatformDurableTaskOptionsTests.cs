using System.Text.Json.Nodes;
using Faas.Serverless.Bench;

namespace Faas.Serverless.Bench.Tests;

public sealed class PlatformDurableTaskOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("faas-bench-hostjson-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_RepositoryHostJson_PlatformValuesOnTheBenchHub()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "host.json");
        var provider = JsonNode.Parse(File.ReadAllText(path))!["extensions"]!["durableTask"]!["storageProvider"]!;

        var options = PlatformDurableTaskOptions.Read(path, "baredt");

        Assert.Equal("baredt", options.HubName);
        Assert.Equal(provider["partitionCount"]!.GetValue<int>(), options.StorageProvider.PartitionCount);
        Assert.Equal(TimeSpan.Parse(provider["controlQueueVisibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), options.StorageProvider.ControlQueueVisibilityTimeout);
    }

    [Fact]
    public void Applied_BoundOptions_EveryValueUnderItsHostJsonKeyButTheHub()
    {
        var options = PlatformDurableTaskOptions.Read(Write("""{"extensions": {"durableTask": {"hubName": "faas", "storageProvider": {"partitionCount": 4, "leaseInterval": "00:00:12"}}}}"""), "baredt");

        var applied = PlatformDurableTaskOptions.Applied(options);

        Assert.Equal("4", applied["storageProvider.partitionCount"]);
        Assert.Equal("00:00:12", applied["storageProvider.leaseInterval"]);
        Assert.Equal("00:00:03", applied["storageProvider.leaseAcquireInterval"]);
        Assert.Equal("false", applied["extendedSessionsEnabled"]);
        Assert.Equal("64", applied["maxConcurrentActivityFunctions"]);
        Assert.DoesNotContain("hubName", applied.Keys);
    }

    [Fact]
    public void Read_OutOfRange_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PlatformDurableTaskOptions.Read(Write("""{"extensions": {"durableTask": {"storageProvider": {"partitionCount": 99}}}}"""), "baredt"));

        Assert.Contains("partitionCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LeaseAcquireNotShorterThanLease_ThrowsThePlatformsRule()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            PlatformDurableTaskOptions.Read(Write("""{"extensions": {"durableTask": {"storageProvider": {"leaseInterval": "00:00:10", "leaseAcquireInterval": "00:00:10"}}}}"""), "baredt"));

        Assert.Contains("leaseAcquireInterval must be shorter than leaseInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoDurableTaskBlock_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PlatformDurableTaskOptions.Read(Write("""{"extensions": {"faas": {}}}"""), "baredt"));

        Assert.Contains("extensions.durableTask", error.Message, StringComparison.Ordinal);
    }

    private string Write(string hostJson)
    {
        var path = Path.Combine(_dir, "host.json");
        File.WriteAllText(path, hostJson);
        return path;
    }
}
