using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

/// <summary>The host that started the agent dies (kill -9) while the fake host plays the restarted one.</summary>
public sealed class OrphanAgentTests(ITestOutputHelper output)
{
    private const WorkerKind Kind = WorkerKind.StandIn;

    [Fact]
    public async Task RunAsync_ParentGoneWhileBusy_FinishesCallReportsItToReturningHostAndExitsZero()
    {
        await using var agent = await AgentHarness.CreateAsync(output, Kind, leaseSeconds: 3);
        using var parent = new StandInParent();
        agent.ParentPid = parent.Pid;
        agent.Host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 2 });
        agent.Start();
        await agent.WaitForEventAsync("e1", "started");

        agent.Host.Unavailable = true;
        parent.Kill();
        await Wait.UntilAsync(() => agent.Host.RefusedCalls("work/events") > 0 && agent.Host.RefusedCalls("work/renew") > 0, "e1's result and lease renewals reached the absent host");
        agent.Host.Enqueue("e2", "echo", new JsonObject { ["payload"] = "for the restarted host's own replicas" });
        var reportsBefore = agent.Host.ReplicaReports().Count;
        agent.Host.Unavailable = false;

        Assert.Equal(0, await agent.WaitForExitAsync());
        Assert.Equal("succeeded", (string?)agent.Host.FinalEventOf("e1")!["type"]);
        Assert.Empty(agent.Host.EventsOf("e2"));
        Assert.Equal(0, agent.Host.Held);
        Assert.Equal(0, agent.Host.StaleLeaseEvents);
        Assert.DoesNotContain("Draining", agent.Host.ReplicaStates());
        Assert.All(agent.Host.ReplicaReports().Skip(reportsBefore), report => Assert.Equal("Stopped", (string?)report["state"]));
        Assert.Equal("Stopped", agent.Host.ReplicaStates()[^1]);
    }

    [Fact]
    public async Task RunAsync_ParentGoneAndNoHostAnswers_GivesUpAfterDrainTimeAndExitsZero()
    {
        await using var agent = await AgentHarness.CreateAsync(output, Kind, drainTime: 1, leaseSeconds: 3);
        using var parent = new StandInParent();
        agent.ParentPid = parent.Pid;
        agent.Host.Enqueue("e1", "sleep", new JsonObject { ["seconds"] = 60 });
        agent.Start();
        await agent.WaitForEventAsync("e1", "started");

        agent.Host.Unavailable = true;
        parent.Kill();

        Assert.Equal(0, await agent.WaitForExitAsync(30));
        Assert.Null(agent.Host.FinalEventOf("e1"));
    }

    [Fact]
    public async Task RunAsync_ParentGoneBeforeReady_StopsWithoutLeasing()
    {
        await using var agent = await AgentHarness.CreateAsync(output, Kind);
        using var parent = new StandInParent();
        agent.ParentPid = parent.Pid;
        agent.Host.Enqueue("e1", "echo", new JsonObject { ["payload"] = 1 });
        parent.Kill();

        agent.Start();

        Assert.Equal(0, await agent.WaitForExitAsync());
        Assert.Empty(agent.Host.LeaseMaxItems());
        Assert.Empty(agent.Host.EventsOf("e1"));
    }
}
