using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>A call finishes while no host answers, and the agent ends before it could report the result.</summary>
public sealed class ResultSpoolAgentTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_ResultUnreportedWhenAgentEnded_NextAgentOfTheReplicaReportsIt()
    {
        await using var agent = await AgentHarness.CreateAsync(output, WorkerKind.StandIn, drainTime: 1);
        agent.Host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 1 });
        agent.Start();
        await agent.WaitForEventAsync("e1", "started");
        agent.Host.Unavailable = true;
        var spool = Path.Combine(agent.WorkDir, "spool", "r1");
        await Wait.UntilAsync(() => Directory.Exists(spool) && Directory.GetFiles(spool, "*.json").Length == 1, "e1's result spooled");
        await Wait.UntilAsync(() => agent.Host.RefusedCalls("work/events") > 0, "e1's result offered to the absent host");

        Assert.Equal(0, await agent.StopAsync());
        Assert.Null(agent.Host.FinalEventOf("e1"));
        agent.Host.Unavailable = false;
        agent.Start();

        await agent.WaitForEventAsync("e1", "succeeded");
        await Wait.UntilAsync(() => Directory.GetFiles(spool).Length == 0, "the spooled result deleted once the host took it");
        Assert.Equal(0, agent.Host.Held);
        Assert.Single(agent.Host.EventsOf("e1"), e => (string?)e["type"] == "succeeded");
        Assert.Equal(0, await agent.StopAsync());
    }
}
