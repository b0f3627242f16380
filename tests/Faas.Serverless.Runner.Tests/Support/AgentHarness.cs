using System.Text.Json.Nodes;
using Faas.Serverless.Runner.Hosting;
using Faas.Serverless.Runner.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Faas.Serverless.Runner.Tests.Support;

/// <summary>
/// Runs the agent in-process (the same entry point as the executable) against a <see cref="FakeHost"/>, with short
/// timings. <see cref="StopAsync"/> acts like SIGTERM.
/// </summary>
public sealed class AgentHarness : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private CancellationTokenSource _stop = new();
    private Task<int>? _exit;

    private AgentHarness(ITestOutputHelper output, FakeHost host, WorkerKind kind)
    {
        _output = output;
        Host = host;
        Kind = kind;
        WorkDir = Path.Combine(Path.GetTempPath(), "faas-runner-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(WorkDir);
    }

    public FakeHost Host { get; }

    public WorkerKind Kind { get; }

    public string WorkDir { get; }

    public string Token { get; set; } = FakeHost.Token;

    /// <summary>Passed as <c>--parent-pid</c> when set.</summary>
    public int? ParentPid { get; set; }

    internal AgentTimings Timings { get; set; } = new()
    {
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        ParentPollInterval = TimeSpan.FromMilliseconds(100),
        LeaseWaitSeconds = 1,
        TerminateGrace = TimeSpan.FromSeconds(5),
        LeaseErrorDelay = TimeSpan.FromMilliseconds(200),
        ShutdownFlushTimeout = TimeSpan.FromSeconds(3),
        WorkerShutdownSeconds = 1,
    };

    public static async Task<AgentHarness> CreateAsync(
        ITestOutputHelper output, WorkerKind kind, int concurrency = 2, int drainTime = 10, int leaseSeconds = 60, JsonObject? initParams = null, JsonObject? limits = null)
    {
        var host = await FakeHost.StartAsync(new XunitLoggerProvider(output));
        host.LeaseSeconds = leaseSeconds;
        host.CodebaseZip = TestCodebase.Zip();
        host.Spec = TestCodebase.Spec(host, host.CodebaseZip, concurrency, drainTime, initParams, limits);
        return new AgentHarness(output, host, kind);
    }

    public Task<int> Exit => _exit ?? throw new InvalidOperationException("Start the agent first.");

    /// <summary>Starts the agent; again after it exited, as the supervisor restarts a replica (same replica id and work dir).</summary>
    public void Start()
    {
        if (_stop.IsCancellationRequested)
        {
            _stop.Dispose();
            _stop = new CancellationTokenSource();
        }

        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["FAAS_RUNNER_TOKEN"] = Token,
            ["HOME"] = WorkDir,
            ["PATH"] = Environment.GetEnvironmentVariable("PATH"),
        };
        List<string> args =
        [
            "--host", Host.Url, "--project", Host.ProjectId, "--service", Host.ServiceId, "--replica", "r1",
            "--work-dir", WorkDir, "--sdk", TestPaths.SdkFor(Kind),
        ];
        if (ParentPid is { } pid)
        {
            args.AddRange(["--parent-pid", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        _exit = Task.Run(() => RunnerProgram.RunAsync([.. args], name => env.GetValueOrDefault(name), AppContext.BaseDirectory, ConfigureServices, _stop.Token));
    }

    /// <summary>Like SIGTERM: the agent drains and exits.</summary>
    public async Task<int> StopAsync(double timeoutSeconds = 20)
    {
        await _stop.CancelAsync();
        return await WaitForExitAsync(timeoutSeconds);
    }

    public async Task<int> WaitForExitAsync(double timeoutSeconds = 20) => await Exit.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));

    public async Task WaitForStateAsync(string state, double timeoutSeconds = 20) =>
        await Wait.UntilAsync(() => Host.ReplicaStates().Contains(state), $"replica state {state}", timeoutSeconds);

    public async Task WaitForEventAsync(string executionId, string type, double timeoutSeconds = 20) =>
        await Wait.UntilAsync(() => Host.EventsOf(executionId).Any(e => (string?)e["type"] == type), $"'{type}' event of {executionId}", timeoutSeconds);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_exit is not null)
        {
            try
            {
                await _exit.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                _output.WriteLine("The agent did not exit within 20 s of the test's end.");
            }
        }

        await Host.DisposeAsync();
        _stop.Dispose();
        try
        {
            Directory.Delete(WorkDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(Timings);
        services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new XunitLoggerProvider(_output));
            logging.SetMinimumLevel(LogLevel.Debug);
        });
    }
}
