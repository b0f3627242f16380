using Faas.Serverless.CodebaseZip;
using Faas.Serverless.Runner.Api;
using Faas.Serverless.Runner.Codebase;
using Faas.Serverless.Runner.Hosting;
using Faas.Serverless.Runner.Options;
using Faas.Serverless.Runner.Secrets;
using Faas.Serverless.Runner.Work;
using Faas.Serverless.Runner.Worker;
using Microsoft.Extensions.Logging;
using Nito.AsyncEx;

namespace Faas.Serverless.Runner.Agent;

/// <summary>
/// The agent's start-up: spec → codebase → one worker per concurrency slot, each initialised. Once all are ready, an <see cref="AgentSession"/>
/// runs the work until stop, crash or refusal. Returns the process exit code (<see cref="ExitCodes"/>). A parent
/// process that goes away (see <see cref="ParentWatchdog"/>) stops the agent like a stop request.
/// </summary>
internal sealed partial class RunnerAgent(
    RunnerOptions options,
    HostApiClient api,
    CodebaseCache cache,
    ReplicaStateReporter reporter,
    ParentWatchdog parent,
    AgentTimings timings,
    SecretMasker masker,
    TimeProvider timeProvider,
    MaskingLoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<RunnerAgent>();

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, parent.Gone);
        var stopping = stop.Token;
        using var heartbeatCts = new CancellationTokenSource();

        // A restarted host starts a replica with the same id: an orphan's heartbeats would overwrite its state.
        using var silenced = parent.Gone.Register(heartbeatCts.Cancel);
        var heartbeat = Task.CompletedTask;
        var specKnown = false;
        try
        {
            var spec = (await api.GetSpecAsync(stopping)).Normalize();
            specKnown = true;
            LogSpec(_logger, spec.ServiceName ?? spec.ServiceId, spec.Version, spec.Concurrency, spec.Codebase.Sha256);
            reporter.Update(r => r with { ServiceVersion = spec.Version });
            heartbeat = reporter.RunHeartbeatAsync(timings.HeartbeatInterval, timeProvider, heartbeatCts.Token);
            await reporter.ReportAsync(ReplicaStates.Starting, $"Preparing codebase {spec.Codebase.Sha256[..Math.Min(12, spec.Codebase.Sha256.Length)]}", null, stopping);
            var codebaseDir = options.CodebaseDir ?? await cache.EnsureAsync(spec.Codebase, stopping);
            var secrets = spec.Secrets is { Count: > 0 } ? await api.GetSecretsAsync(stopping) : new Dictionary<string, string>();
            masker.Use(secrets.Values);
            await reporter.ReportAsync(ReplicaStates.Initializing, "Starting the Python worker", null, stopping);
            return await RunWorkerAsync(spec, codebaseDir, secrets, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogStoppedBeforeReady(_logger);
            if (specKnown)
            {
                await ReportFinalAsync(ReplicaStates.Stopped, "Stopped before it was ready", null);
            }

            return ExitCodes.Stopped;
        }
        catch (HostRefusedException ex)
        {
            LogRefused(_logger, ex.Message);
            return ExitCodes.Refused;
        }
        catch (CodebaseException ex)
        {
            LogCodebaseInvalid(_logger, ex.Message);
            await ReportFinalAsync(ReplicaStates.Error, "The codebase cannot be used", new ErrorInfo("CodebaseInvalid", ex.Message, null));
            return ExitCodes.CodebaseInvalid;
        }
        finally
        {
            await heartbeatCts.CancelAsync();
            await heartbeat.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<int> RunWorkerAsync(RunnerSpec spec, string codebaseDir, IReadOnlyDictionary<string, string> secrets, CancellationToken stopping)
    {
        var leaseGate = new AsyncReaderWriterLock();
        var spool = new ResultSpool(options.SpoolDir ?? Path.Combine(options.WorkDir, "spool", options.ReplicaId), timeProvider, loggerFactory.CreateLogger<ResultSpool>());
        var outbox = new EventOutbox(api.PostEventsAsync, spool, leaseGate, timings, timeProvider, loggerFactory.CreateLogger<EventOutbox>(), masker);
        var channel = new WorkerChannel();
        var tracker = new ExecutionTracker(outbox, channel, timings, timeProvider, loggerFactory.CreateLogger<ExecutionTracker>());
        outbox.FinalEventDelivered = tracker.OnFinalEventDelivered;
        var python = await PythonInterpreter.ResolveAsync(options.Python, stopping);
        await using var workers = new WorkerPool(spec.Concurrency, SlotSettings(spec, codebaseDir, python, tracker, secrets), timings.WorkerRespawnBackoff, loggerFactory);
        channel.Attach(workers);
        ErrorInfo? initError;
        try
        {
            initError = await workers.StartAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogStoppedBeforeReady(_logger);
            await ReportFinalAsync(ReplicaStates.Stopped, "Stopped before it was ready", null);
            return ExitCodes.Stopped;
        }

        if (initError is not null)
        {
            LogInitFailed(_logger, initError.Type, initError.Message);
            await ReportFinalAsync(ReplicaStates.Error, "Init failed", initError);
            return ExitCodes.InitFailed;
        }

        var ready = workers.First.Ready!;
        var label = Environment.GetEnvironmentVariable(RunnerEnvironment.RuntimeLabel) is { Length: > 0 } l ? l : "local process";
        reporter.Update(r => r with { Runtime = $"python {ready.Python ?? "3"} ({label})", WorkerPid = ready.Pid ?? workers.First.Pid });
        LogReady(_logger, spec.Concurrency, ready.Python ?? "?", ready.SdkVersion ?? "?");
        var renewer = new LeaseRenewer(api.RenewAsync, tracker, leaseGate, timings, timeProvider, loggerFactory.CreateLogger<LeaseRenewer>());
        var workLoop = new WorkLoop(api.LeaseAsync, workers, tracker, spec, timings, timeProvider, loggerFactory.CreateLogger<WorkLoop>());
        var watcher = new TerminationWatcher(api.WatchAsync, renewer, tracker, timings, timeProvider, loggerFactory.CreateLogger<TerminationWatcher>());
        var session = new AgentSession(spec, workers, tracker, outbox, renewer, watcher, workLoop, reporter, parent, timings, options.ExitWhenIdle, timeProvider, loggerFactory.CreateLogger<AgentSession>());
        return await session.RunAsync(stopping);
    }

    private WorkerSlotSettings SlotSettings(RunnerSpec spec, string codebaseDir, string python, ExecutionTracker tracker, IReadOnlyDictionary<string, string> secrets)
    {
        var startInfo = new WorkerStartInfo(python, options.SdkDir, codebaseDir, spec.Module.EntryPoint, spec.Module.ClassName, spec.MaxWorkerLineBytes);
        return new WorkerSlotSettings(
            startInfo,
            slot => WorkerEnvironment.Build(
                startInfo,
                new WorkerIdentity(options.ProjectId, options.ServiceId, spec.ServiceName, spec.Version, options.ReplicaId, slot),
                RunnerEnvironment.Process,
                secrets),
            InitRequestFactory.Create(spec),
            tracker,
            tracker.SlotFreed,
            timings.WorkerKillGrace,
            loggerFactory.CreateLogger<WorkerProcess>());
    }

    /// <summary>Final state reports use their own bounded token: the stop token is already cancelled by then.</summary>
    private async Task ReportFinalAsync(string state, string message, ErrorInfo? error)
    {
        using var cts = new CancellationTokenSource(timings.ShutdownFlushTimeout, timeProvider);
        try
        {
            await reporter.ReportAsync(state, message, error, cts.Token);
        }
        catch (Exception ex) when (ex is HostApiException or OperationCanceledException)
        {
            LogFinalReportFailed(_logger, state, ex.Message);
        }
    }
}
