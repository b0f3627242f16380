using Faas.Serverless.Functions.Tests.Infrastructure;
using Faas.Serverless.Testing;

namespace Faas.Serverless.Functions.Tests.EndToEnd;

/// <summary>
/// A host on real Kestrel (runner processes call it back over loopback) with the local runner provider, so
/// that services start real runner agents running real Python code.
/// </summary>
public sealed class EndToEndFactory : IAsyncDisposable
{
    public EndToEndFactory(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        StateDir = Directory.CreateTempSubdirectory("faas-e2e-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Faas:Runners:Provider"] = "Local",
            ["Faas:Runners:ReconcileIntervalMs"] = "300",
            ["Faas:Runners:MaxInitFailures"] = "2",
            ["Faas:Runners:MaxRestartBackoffSeconds"] = "1",
            ["Faas:Runners:WorkDir"] = Path.Combine(StateDir, "runner"),
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

    /// <summary>How many times user code ran for <paramref name="key"/> (the package counts its calls in files).</summary>
    public int Runs(string key) => File.Exists(Path.Combine(StateDir, key)) ? File.ReadAllLines(Path.Combine(StateDir, key)).Length : 0;

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
    }
}
