using System.Text.Json;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>One replica runs a call with a large output next to small ones: the large report never holds up the others.</summary>
[Collection("Azurite")]
public sealed class ReportIsolationTests(AzuriteFixture azurite, ITestOutputHelper output) : PushedPackageTests(azurite)
{
    private const int BigOutputBytes = 512 * 1024;

    [Fact]
    public async Task Execute_OneLargeOutputAmongSmallOnes_AllFinishOnTheSameReplica()
    {
        var serviceId = await E2e.DeployAsync(new { name = "mixed", packageName = "e2e", initParams = new { greeting = "hi" }, maxAttempts = 1, runtime = new { replicas = 1, concurrency = 4 } });
        await E2e.WaitForStatusAsync(serviceId, "Active");
        var small = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            small.Add((await E2e.ExecuteAsync(serviceId, "work", new { key = $"small-{i}", seconds = 1.0 })).GetProperty("id").GetString()!);
        }

        var big = (await E2e.ExecuteAsync(serviceId, "big", new { key = "big", size = BigOutputBytes })).GetProperty("id").GetString()!;
        for (var i = 3; i < 6; i++)
        {
            small.Add((await E2e.ExecuteAsync(serviceId, "work", new { key = $"small-{i}", seconds = 1.0 })).GetProperty("id").GetString()!);
        }

        var bigDone = await E2e.WaitForFinishAsync(big, 60);
        var smallDone = new List<JsonElement>();
        foreach (var id in small)
        {
            smallDone.Add(await E2e.WaitForFinishAsync(id, 60));
        }

        var after = await E2e.ExecuteAsync(serviceId, "greet", new { name = "again" }, wait: true);
        var latest = bigDone.GetProperty("latestStatus");
        output.WriteLine($"big output: {latest.GetProperty("status")} {(latest.TryGetProperty("error", out var e) ? e.ToString() : string.Empty)}");

        Assert.All(smallDone, execution => Assert.Equal("success", execution.GetProperty("latestStatus").GetProperty("status").GetString()));
        Assert.Equal("success", after.GetProperty("latestStatus").GetProperty("status").GetString());
        Assert.Equal(1, E2e.Runs("big"));

        // The host either stores the large output or refuses that report alone, which ends the call with a clear error.
        if (latest.GetProperty("status").GetString() == "success")
        {
            Assert.Equal(BigOutputBytes, bigDone.GetProperty("output").GetProperty("data").GetString()!.Length);
        }
        else
        {
            Assert.Equal("failed", latest.GetProperty("status").GetString());
            Assert.True(latest.GetProperty("error").GetProperty("type").GetString() is "OutputTooLarge" or "ResultRejected", latest.ToString());
        }
    }
}
