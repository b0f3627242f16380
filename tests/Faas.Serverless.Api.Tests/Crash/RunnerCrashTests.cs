using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Faas.Serverless.Api.Tests.EndToEnd;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Crash;

/// <summary>kill -9 of the runner process that holds an execution: its lease expires and another runner runs the same attempt.</summary>
[Collection("Azurite")]
public sealed partial class RunnerCrashTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private EndToEndFactory _factory = null!;
    private E2E _e2e = null!;

    public async Task InitializeAsync()
    {
        // The supervisor logs each runner's output, prefixed with its replica id, at Debug.
        _factory = new EndToEndFactory(azurite, new Dictionary<string, string?> { ["Logging:LogLevel:Faas.Serverless.Supervisor.ReplicaLauncher"] = "Debug" });
        _factory.Api.Services.GetRequiredService<ILoggerFactory>().AddProvider(_logs);
        _e2e = await E2E.CreateAsync(_factory);
        await _e2e.PushAsync();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _logs.Dispose();
    }

    [Fact]
    public async Task KillRunner_HoldingAnExecution_SameAttemptRunsOnAnotherRunner()
    {
        // onReset rerun: an attempt whose replica died is run again (the default, failed, ends it ServiceReset).
        var serviceId = await _e2e.DeployAsync(new { name = "killed", packageName = "e2e", initParams = new { greeting = "hi" }, maxAttempts = 1, onReset = "rerun", runtime = new { replicas = 2, concurrency = 1 } });
        var replicas = (await _e2e.WaitForStatusAsync(serviceId, "Active")).GetProperty("replicas").EnumerateArray()
            .ToDictionary(r => r.GetProperty("replicaId").GetString()!, r => r.GetProperty("pid").GetInt32());
        var id = (await _e2e.ExecuteAsync(serviceId, "work", new { key = "killed-runner", seconds = 4 })).GetProperty("id").GetString()!;
        string? holder = null;
        await Eventually.TrueAsync(() => Task.FromResult((holder = Invocations(id).FirstOrDefault()) is not null), TimeSpan.FromSeconds(30), "a runner should invoke the execution");

        using (var process = Process.GetProcessById(replicas[holder!]))
        {
            process.Kill(entireProcessTree: true);
        }

        var clock = Stopwatch.StartNew();
        var finished = await _e2e.WaitForFinishAsync(id, 60);

        var invocations = Invocations(id);
        output.WriteLine($"Killed {holder} (pid {replicas[holder!].ToString(CultureInfo.InvariantCulture)}); the execution finished {clock.Elapsed.TotalSeconds:0.0} s later; invoked by {string.Join(", ", invocations)}; user code ran to the end {_e2e.Runs("killed-runner")} time(s)");
        Assert.True(finished.GetProperty("latestStatus").GetProperty("status").GetString() == "success", finished.ToString());
        Assert.Equal(1, finished.GetProperty("attempts").GetInt32());
        Assert.Equal(2, invocations.Count);

        // work() counts its call when it returns, so the call killed half-way left no count: one run had an effect.
        Assert.Equal(1, _e2e.Runs("killed-runner"));
        Assert.Single(finished.GetProperty("statusLog").EnumerateArray(), e => e.GetProperty("status").GetString() == "success");
    }

    /// <summary>Replica ids, in order, of the runners that logged invoking <paramref name="executionId"/>.</summary>
    private List<string> Invocations(string executionId) =>
        [.. _logs.Messages.Select(m => InvokingLine().Match(m)).Where(m => m.Success && m.Groups["id"].Value == executionId).Select(m => m.Groups["replica"].Value)];

    [GeneratedRegex(@"^\[(?<replica>[^\]]+)\] .*Invoking work for execution (?<id>\S+) attempt", RegexOptions.CultureInvariant)]
    private static partial Regex InvokingLine();
}
