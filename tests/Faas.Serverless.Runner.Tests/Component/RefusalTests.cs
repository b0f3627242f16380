using Faas.Serverless.Runner.Tests.Support;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Component;

public sealed class RefusalTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RunAsync_BotTokenRefused_ExitsFourWithoutReporting()
    {
        await using var agent = await AgentHarness.CreateAsync(output, WorkerKind.StandIn);
        agent.Token = "not-the-bot-key";
        agent.Start();

        Assert.Equal(4, await agent.WaitForExitAsync());
        Assert.Empty(agent.Host.ReplicaStates());
        Assert.Equal(0, agent.Host.CodebaseDownloads);
    }

    [Fact]
    public async Task RunAsync_CodebaseHashMismatch_ReportsErrorAndExitsSix()
    {
        await using var agent = await AgentHarness.CreateAsync(output, WorkerKind.StandIn);
        agent.Host.CodebaseZip = TestCodebase.Zip(new Dictionary<string, string> { ["extra.txt"] = "tampered" });
        agent.Start();

        Assert.Equal(6, await agent.WaitForExitAsync());
        Assert.Equal("CodebaseInvalid", (string?)agent.Host.LastReplicaReport()!["error"]!["type"]);
        Assert.False(Directory.Exists(Path.Combine(agent.WorkDir, "codebases", (string)agent.Host.Spec["codebase"]!["sha256"]!)));
    }
}
