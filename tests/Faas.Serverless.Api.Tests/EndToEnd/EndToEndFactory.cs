using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.EndToEnd;

/// <summary>
/// A host on real Kestrel (runner processes call it back over loopback) with the local runner provider, so
/// that services start real runner agents running real Python code.
/// </summary>
public sealed class EndToEndFactory : IAsyncDisposable
{
    public EndToEndFactory(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        StateDir = Directory.CreateTempSubdirectory("faas-e2e-").FullName;
        RunnerDir = Directory.CreateTempSubdirectory("faas-e2e-runner-").FullName;

        // Replicas run as uids of their own: the folder where the package counts its calls is theirs to write.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(StateDir, (UnixFileMode)0b111_111_111);
        }

        var all = new Dictionary<string, string?>
        {
            ["Faas:Runners:Provider"] = "Local",
            ["Faas:Runners:ReconcileIntervalMs"] = "300",
            ["Faas:Runners:MaxInitFailures"] = "2",
            ["Faas:Runners:MaxRestartBackoffSeconds"] = "1",
            ["Faas:Runners:WorkDir"] = RunnerDir,

            // The one host folder replicas see beyond their own (docs/security.md): the call counts.
            ["Faas:Runners:Isolation:SharedPaths:0"] = StateDir,
            ["Faas:Executions:RetryBackoffBaseSeconds"] = "0",
            ["Faas:Queues:MaxPollingIntervalMs"] = "200",
            ["Faas:Queues:VisibilityTimeoutSeconds"] = "6",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Api = new FaasApiFactory(azurite, all);
        Api.UseKestrel(0);
        Api.StartServer();
    }

    public FaasApiFactory Api { get; }

    public string StateDir { get; }

    /// <summary>The runners' root (their codebases, HOMEs and TMPDIRs): not shared with replicas, unlike <see cref="StateDir"/>.</summary>
    public string RunnerDir { get; }

    /// <summary>How many times user code ran for <paramref name="key"/> (the package counts its calls in files).</summary>
    public int Runs(string key) => File.Exists(Path.Combine(StateDir, key)) ? File.ReadAllLines(Path.Combine(StateDir, key)).Length : 0;

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
        Directory.Delete(RunnerDir, recursive: true);
    }
}
