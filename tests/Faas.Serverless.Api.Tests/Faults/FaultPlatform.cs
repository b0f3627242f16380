using Faas.Serverless.Api.Tests.Crash;
using Faas.Serverless.Api.Tests.Infrastructure;
using Faas.Serverless.Testing;
using Xunit.Abstractions;

namespace Faas.Serverless.Api.Tests.Faults;

/// <summary>
/// Hosts as processes of their own on one storage account, one table and queue prefix and one Durable Task hub (of
/// this test only), with the local runner provider running the end-to-end package, which counts its calls per key in
/// a folder every replica can write. Durable Task runs with host.json's settings: its recovery timings are under test.
/// </summary>
public sealed class FaultPlatform : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("faas-faults-").FullName;
    private readonly string _prefix = "f" + AzuriteFixture.UniqueName("x")[..12];
    private readonly string _codebases = AzuriteFixture.UniqueName("code");
    private readonly List<HostProcess> _hosts = [];
    private readonly string _connectionString;
    private readonly ITestOutputHelper _output;

    public FaultPlatform(string connectionString, ITestOutputHelper output)
    {
        _connectionString = connectionString;
        _output = output;
        Directory.CreateDirectory(RunsDir);
        if (!OperatingSystem.IsWindows())
        {
            // Replicas run as uids of their own: the folder where the package counts its calls is theirs to write.
            File.SetUnixFileMode(RunsDir, (UnixFileMode)0b111_111_111);
        }
    }

    /// <summary>The task hub every host of this platform shares (also the table and queue prefix).</summary>
    public string HubName => _prefix;

    public string ConnectionString => _connectionString;

    /// <summary>Where the package counts its calls: one line per finished call of a key.</summary>
    public string RunsDir => Path.Combine(_stateDir, "runs");

    /// <summary>Text found in the command line of every runner and worker of this platform, for finding and cleaning them up.</summary>
    public string Marker => _stateDir;

    public static Uri FreeUrl() => new($"http://127.0.0.1:{AzuriteFixture.FreePort()}");

    /// <summary>Starts a host and waits until it answers.</summary>
    /// <param name="machine">
    /// The host's runner folder: a restarted host must reuse its predecessor's to recognise the orphaned runners it
    /// left; two hosts side by side get one each, as two machines would.
    /// </param>
    /// <param name="runnersCall">The address the host's runners call it back on; its own when null.</param>
    public async Task<HostProcess> StartHostAsync(string name, Uri url, string machine, Uri? runnersCall = null)
    {
        var environment = Environment(machine);
        if (runnersCall is not null)
        {
            environment["Faas__Runners__HostUrl"] = runnersCall.ToString().TrimEnd('/');
        }

        var host = HostProcess.Start(name, url, environment, _output);
        _hosts.Add(host);
        using var anonymous = HostApi.Client(url, null);
        await host.WaitUntilHealthyAsync(anonymous, TimeSpan.FromSeconds(60));
        return host;
    }

    public int Runs(string key) => File.Exists(Path.Combine(RunsDir, key)) ? File.ReadAllLines(Path.Combine(RunsDir, key)).Length : 0;

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        LocalProcesses.Kill(LocalProcesses.WithArgumentContaining(_stateDir));
        try
        {
            Directory.Delete(_stateDir, recursive: true);
        }
        catch (IOException)
        {
            // A runner killed a moment ago may still be removing its files; the folder is temporary anyway.
        }
    }

    private Dictionary<string, string> Environment(string machine) => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",

        // Host lines with times, to line them up with the fault's moment in a failure's log.
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
        ["Logging__Console__UseUtcTimestamp"] = "true",

        // The supervisor passes on each runner's lines, prefixed with its replica id, at Debug: who invoked which call.
        ["Logging__LogLevel__Faas.Serverless.Supervisor.ReplicaLauncher"] = "Debug",
        ["AzureWebJobsStorage"] = _connectionString,
        ["Faas__Auth__AdminKey"] = FaasApiFactory.AdminKey,
        ["Faas__Storage__TablePrefix"] = _prefix,
        ["Faas__Storage__CodebaseContainer"] = _codebases,
        ["Faas__Queues__QueuePrefix"] = _prefix,
        ["AzureFunctionsJobHost__extensions__durableTask__hubName"] = _prefix,

        // A runner's lease of 6 s (30 s in host.json) keeps a dead runner's work from waiting half a minute; the
        // other crash tests use the same.
        ["Faas__Queues__VisibilityTimeoutSeconds"] = "6",
        ["Faas__Queues__MaxPollingIntervalMs"] = "200",
        ["Faas__Executions__RetryBackoffBaseSeconds"] = "1",
        ["Faas__Runners__Provider"] = "Local",
        ["Faas__Runners__ReconcileIntervalMs"] = "300",
        ["Faas__Runners__MaxRestartBackoffSeconds"] = "1",
        ["Faas__Runners__WorkDir"] = Path.Combine(_stateDir, machine),
        ["Faas__Runners__Isolation__SharedPaths__0"] = RunsDir,
    };
}
