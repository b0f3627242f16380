using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Security;

/// <summary>Attack 2 of issue 9: project B overwrote project A's main.py in the shared codebase cache, and A ran B's code.</summary>
[Collection("Azurite")]
public sealed class CodebaseIsolationTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private EndToEndFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new EndToEndFactory(azurite);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [IsolatedFact]
    public async Task Codebase_WrittenByAnotherProject_RefusedAndItsOwnCodeRunsAfterARestart()
    {
        var victim = await Attacker.CreateAsync(_factory);
        var victimService = await victim.DeployAsync("victim", "victim-code");
        var attacker = await Attacker.CreateAsync(_factory);
        var attackerService = await attacker.DeployAsync("attacker", "attacker-code");
        var victimMain = MainContaining("victim-code");
        var ownMain = MainContaining("attacker-code");

        var overwrite = await attacker.CallAsync(attackerService, "write", new { path = victimMain, content = "MARKER = 'pwned'" });
        var overwriteOwn = await attacker.CallAsync(attackerService, "write", new { path = ownMain, content = "MARKER = 'pwned'" });
        var plant = await attacker.CallAsync(attackerService, "write", new { path = Path.Combine(Path.GetDirectoryName(ownMain)!, "sitecustomize.py"), content = "raise SystemExit" });
        var victimCode = File.ReadAllText(victimMain);
        output.WriteLine($"overwrite another project's main.py: {overwrite}; its own: {overwriteOwn}; a new file beside it: {plant}");
        await victim.Client.PostAsync($"{victim.Project}/services/{victimService}/stop", null);
        await Eventually.TrueAsync(async () => (await victim.StatusAsync(victimService)).GetProperty("status").GetString() == "Inactive", TimeSpan.FromSeconds(60));
        await victim.Client.PostAsync($"{victim.Project}/services/{victimService}/start", null);
        await victim.WaitForActiveAsync(victimService);
        var marker = await victim.CallAsync(victimService, "marker");

        Assert.False(overwrite.GetProperty("ok").GetBoolean(), overwrite.ToString());
        Assert.False(overwriteOwn.GetProperty("ok").GetBoolean(), overwriteOwn.ToString());
        Assert.False(plant.GetProperty("ok").GetBoolean(), plant.ToString());
        Assert.Contains("victim-code", victimCode, StringComparison.Ordinal);
        Assert.Equal("victim-code", marker.GetProperty("marker").GetString());
    }

    /// <summary>The replica's extracted main.py that holds <paramref name="marker"/> (the test runs as root, so it sees them all).</summary>
    private string MainContaining(string marker) =>
        Directory.EnumerateFiles(Path.Combine(_factory.RunnerDir, "replicas"), "main.py", SearchOption.AllDirectories)
            .Single(path => File.ReadAllText(path).Contains($"MARKER = \"{marker}\"", StringComparison.Ordinal));
}
